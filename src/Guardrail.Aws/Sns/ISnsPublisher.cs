namespace Guardrail.Aws.Sns;

/// <summary>Publishes alerts. The official AWSSDK.SimpleNotificationService client can implement this in one file.</summary>
public interface ISnsPublisher
{
    /// <summary>Publishes and returns the message id.</summary>
    Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken);
}
