#!/usr/bin/env python3
"""Writes bench/change/template-200.yaml: a 200-resource CloudFormation template for benchmarking `check change`.

It matches examples/paths/same-account-provisioned.json: the lake bucket (example-lake, SSE-S3, bucket owner
enforced), its policy (deny insecure transport) and the Spectrum role (arn:aws:iam::111122223333:role/spectrum, its
trust, glue-catalog-read inline policy and AmazonS3ReadOnlyAccess) are among the resources, as the snapshot has them;
the rest are buckets, bucket policies, roles, inline and managed policies and keys the path does not use (off path),
written with the short-form intrinsics a real template has. Deterministic: no randomness. Usage, from the repository
root or anywhere:

    python3 tests/cases/changes/cloudformation/generate-large.py [count]
"""
import os
import sys

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 200
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "bench", "change", f"template-{COUNT}.yaml")

PATH_RESOURCES = """\
  Lake:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref LakeBucketName
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
            BucketKeyEnabled: false
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
  LakePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Lake
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt Lake.Arn
              - !Sub '${Lake.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'
  Spectrum:
    Type: AWS::IAM::Role
    Properties:
      RoleName: spectrum
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: redshift.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess'
      Policies:
        - PolicyName: glue-catalog-read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Sid: GlueCatalogRead
                Effect: Allow
                Action:
                  - glue:GetDatabase
                  - glue:GetDatabases
                  - glue:GetTable
                  - glue:GetTables
                  - glue:GetPartition
                  - glue:GetPartitions
                Resource:
                  - !Sub 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog'
                  - !Sub 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/sales'
                  - !Sub 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:table/sales/*'
"""


def bucket(i):
    return f"""\
  Bucket{i:03d}:
    Type: AWS::S3::Bucket
    Condition: CreateAll
    Properties:
      BucketName: !Sub '${{Prefix}}-bucket-{i:03d}-${{AWS::AccountId}}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key{i:03d}.Arn
            BucketKeyEnabled: true
"""


def key(i):
    return f"""\
  Key{i:03d}:
    Type: AWS::KMS::Key
    Properties:
      Enabled: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:root'
            Action: 'kms:*'
            Resource: '*'
"""


def bucket_policy(i):
    return f"""\
  BucketPolicy{i:03d}:
    Type: AWS::S3::BucketPolicy
    Condition: CreateAll
    Properties:
      Bucket: !Ref Bucket{i:03d}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecure
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !Join ['', ['arn:', !Ref 'AWS::Partition', ':s3:::', !Ref Bucket{i:03d}]]
              - !Join ['', ['arn:', !Ref 'AWS::Partition', ':s3:::', !Ref Bucket{i:03d}, '/*']]
            Condition:
              Bool:
                aws:SecureTransport: 'false'
          - Sid: Reader
            Effect: Allow
            Principal:
              AWS: !GetAtt Role{i:03d}.Arn
            Action: ['s3:GetObject', 's3:ListBucket']
            Resource:
              - !Sub 'arn:${{AWS::Partition}}:s3:::${{Bucket{i:03d}}}'
              - !Sub 'arn:${{AWS::Partition}}:s3:::${{Bucket{i:03d}}}/*'
"""


def role(i):
    return f"""\
  Role{i:03d}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '${{Prefix}}-role-{i:03d}'
      Path: /workers/
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: !If [UseEcs, ecs-tasks.amazonaws.com, lambda.amazonaws.com]
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read-{i:03d}
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub 'arn:${{AWS::Partition}}:s3:::${{Prefix}}-bucket-{i:03d}-${{AWS::AccountId}}/*'
"""


def managed(i):
    return f"""\
  Managed{i:03d}:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Path: /workers/
      Roles:
        - !Ref Role{i:03d}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents']
            Resource: !Sub 'arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/{i:03d}:*'
"""


def inline(i):
    return f"""\
  Inline{i:03d}:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra-{i:03d}
      Roles:
        - !Ref Role{i:03d}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: !Sub 'arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:queue-{i:03d}'
"""


KINDS = [role, key, bucket, bucket_policy, managed, inline]  # each after what it refers to

parts = [f"""\
AWSTemplateFormatVersion: '2010-09-09'
Description: {COUNT} resources for the check change benchmark (generated by tests/cases/changes/cloudformation/generate-large.py)
Parameters:
  LakeBucketName:
    Type: String
    Default: example-lake
  Prefix:
    Type: String
    Default: bench
  Environment:
    Type: String
    Default: prod
Conditions:
  CreateAll: !Equals [!Ref Environment, prod]
  UseEcs: !Not [!Equals [!Ref Environment, prod]]
Resources:
""", PATH_RESOURCES]
count = 3
group = 0
while count < COUNT:
    for kind in KINDS:
        if count >= COUNT:
            break
        parts.append(kind(group))
        count += 1
    group += 1

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    f.write("".join(parts))
print(f"{OUT}: {COUNT} resources")
