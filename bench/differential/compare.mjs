// Differential check and speed run against @cloud-copilot/iam-simulate (AGPL), called as a library in this
// separate Node process only: none of its code or data is copied into this repository.
//
//   node compare.mjs REQUESTS.json [--report disagreements.json]    agreement with our decisions
//   node compare.mjs REQUESTS.json --time SECONDS [--per-call]       decisions per second (wall clock and CPU time)
//   node compare.mjs REQUESTS.json --time SECONDS --kernel           the same, kernel to kernel (below)
//   node compare.mjs REQUESTS.json --kernel-check                    kernel answers vs runSimulation's, one line
//
// REQUESTS.json comes from `dotnet run --project bench/Guardrail.Differential -- export REQUESTS.json`, or, for whole
// access paths (identity, boundary, SCPs, RCPs and the resource policy together), from `... -- export-path REQUESTS.json`.
// --time prepares each policy once, as our side does: documents go in as iam-policy ValidatedPolicy objects
// (createValidatedPolicy), which runSimulation takes instead of validating the document again on every call.
// --per-call passes the raw documents instead, so each decision re-validates its policies (the library's plain use).
// --kernel times iam-simulate's lowest level, authorize() of its core engine, with everything prepared once per
// request (policies loaded, context keys normalised, the request object built), as our side times
// PolicyEvaluator.Evaluate on a parsed policy and a built request; runSimulation does that preparation, and checks
// the action against its service data, on every call. The preparation below follows runSimulation's own steps for a
// single-resource request; --kernel-check counts the requests whose answer differs from runSimulation's
// (it must be 0) and those it cannot prepare that way, which are left out of the timing.
import { readFileSync, writeFileSync } from 'node:fs'
import { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy } from '@cloud-copilot/iam-policy'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const args = process.argv.slice(2)
const kernel = args.includes('--kernel')
const kernelCheck = args.includes('--kernel-check')
const input = args[0]
const reportPath = args.includes('--report') ? args[args.indexOf('--report') + 1] : null
const timeSeconds = args.includes('--time') ? Number(args[args.indexOf('--time') + 1]) : 0
const perCall = args.includes('--per-call')
const items = JSON.parse(readFileSync(input, 'utf8'))
const paths = items.some((i) => i.kind === 'path')

const allowAll = [{ name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]

// A whole-path item (kind "path") brings its own identity policies, boundary, SCP and RCP levels; a single-policy
// item is decided by its resource policy alone.
function simulation(item) {
  const r = item.request
  const principal = r.principal.startsWith('service:') ? r.principal.slice('service:'.length) : r.principal
  return {
    identityPolicies: item.identityPolicies ?? (item.identityAllowsAll ? allowAll : []),
    permissionBoundaryPolicies: item.permissionBoundaryPolicies ?? [],
    serviceControlPolicies: item.serviceControlPolicies ?? [],
    resourceControlPolicies: item.resourceControlPolicies ?? [],
    resourcePolicy: item.policy,
    request: {
      principal,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount },
      contextVariables: r.context ?? {}
    }
  }
}

const names = { Allowed: 'allow', ExplicitlyDenied: 'deny', ImplicitlyDenied: 'implicit' }

async function decide(item) {
  const response = await runSimulation(simulation(item), {})
  if (response.resultType === 'error') {
    return { theirs: 'error', detail: JSON.stringify(response.errors) }
  }
  const analysis = response.result?.analysis
  const why = [...(analysis?.blockedBy ?? []), ...(response.result?.ignoredContextKeys?.length ? [`ignored keys: ${response.result.ignoredContextKeys.join(',')}`] : [])]
  return { theirs: names[response.overallResult] ?? String(response.overallResult), detail: why.length ? why.join('; ') : undefined }
}

// The same simulation with its policies validated once, up front.
function prepared(sim) {
  return {
    ...sim,
    identityPolicies: sim.identityPolicies.map((p) => ({ name: p.name, policy: createValidatedPolicy(p.policy, validateIdentityPolicy) })),
    resourcePolicy: sim.resourcePolicy === undefined ? undefined : createValidatedPolicy(sim.resourcePolicy, validateResourcePolicy)
  }
}


// AWS's default RCP, which AWS attaches at every level and runSimulation adds itself.
const RCP_FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }

// iam-simulate's internal modules by file (the package exports only its index); the same module instances its index uses.
const internal = (file) => import(new URL(`./node_modules/@cloud-copilot/iam-simulate/dist/esm/${file}`, import.meta.url))

// Each simulation as the argument of authorize(), prepared once; null when runSimulation would not make exactly one
// authorize() call for it (a wildcard-only action on a named resource, no resource type). A resource with a "*" in it
// is, in these concrete requests, an object whose key is "*": authorize() is given it as it is, while runSimulation
// also tries the policies' narrower patterns; --kernel-check shows whether the answer is the same.
async function kernelRequests(sims) {
  const { loadPolicy } = await import('@cloud-copilot/iam-policy')
  const { isWildcardOnlyAction } = await import('@cloud-copilot/iam-simulate')
  const { authorize } = await internal('core_engine/CoreSimulatorEngine.js')
  const { AwsRequestImpl } = await internal('request/request.js')
  const { RequestContextImpl } = await internal('requestContext.js')
  const { expandShortArn } = await internal('util/resourceStrings.js')
  const { DiscoveryContextKeyConstraints } = await internal('context_keys/discoveryContextKeyConstraints.js')
  const { normalizeSimulationParameters } = await internal('simulation_engine/simulationEngine.js')
  const { getResourceTypesForAction } = await internal('simulation_engine/resourceTypes.js')
  const load = ({ name, policy }) => loadPolicy(policy, { name })
  const prepared = []
  for (const sim of sims) {
    const arn = sim.request.resource.resource
    const [service, action] = sim.request.action.split(':')
    const wildcardOnly = await isWildcardOnlyAction(service, action)
    if ((wildcardOnly && arn !== '*') || (!wildcardOnly && (await getResourceTypesForAction(service, action, arn)).length === 0)) {
      prepared.push(null)
      continue
    }
    const { validContextValues } = await normalizeSimulationParameters(sim, undefined)
    prepared.push({
      request: new AwsRequestImpl(sim.request.principal, { resource: expandShortArn(arn), accountId: sim.request.resource.accountId }, sim.request.action, new RequestContextImpl(validContextValues), wildcardOnly),
      sessionPolicy: undefined,
      identityPolicies: sim.identityPolicies.map(load),
      serviceControlPolicies: sim.serviceControlPolicies.map((l) => ({ orgIdentifier: l.orgIdentifier, policies: l.policies.map(load) })),
      resourceControlPolicies: sim.resourceControlPolicies.map((l) => ({ orgIdentifier: l.orgIdentifier, policies: [load({ name: 'RCPFullAWSAccess', policy: RCP_FULL_ACCESS }), ...l.policies.map(load)] })),
      resourcePolicy: sim.resourcePolicy === undefined ? undefined : load({ name: sim.resourcePolicy.name, policy: sim.resourcePolicy }),
      permissionBoundaries: sim.permissionBoundaryPolicies ? sim.permissionBoundaryPolicies.map(load) : undefined,
      vpcEndpointPolicies: undefined,
      simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
      serviceSettings: { s3: { blockPublicAccess: undefined } }
    })
  }
  return { authorize, prepared }
}

// Wall and CPU time of `step` run over and over for `seconds`, after an uncounted warm-up; returns the decisions made.
function timeLoop(count, step, seconds) {
  const runFor = (limit) => {
    let decisions = 0
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    let elapsed = 0
    while (elapsed < limit) {
      step()
      decisions += count
      elapsed = Number(process.hrtime.bigint() - start) / 1e9
    }
    const used = process.cpuUsage(cpu)
    return { decisions, elapsed, cpuSeconds: (used.user + used.system) / 1e6 }
  }
  runFor(Math.min(1, seconds / 5)) // warm-up, not counted (V8 compiles the hot paths)
  return runFor(seconds)
}

const outcome = (response) => (response.resultType === 'error' ? 'error' : response.overallResult)

async function decisionsPerSecond(sims, seconds) {
  const runFor = async (limit) => {
    let decisions = 0
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    let elapsed = 0
    while (elapsed < limit) {
      for (const s of sims) {
        await runSimulation(s, {})
      }
      decisions += sims.length
      elapsed = Number(process.hrtime.bigint() - start) / 1e9
    }
    const used = process.cpuUsage(cpu)
    return { decisions, elapsed, cpuSeconds: (used.user + used.system) / 1e6 }
  }
  await runFor(Math.min(1, seconds / 5)) // warm-up, not counted (V8 compiles the hot paths)
  return runFor(seconds)
}

if (kernelCheck || (timeSeconds > 0 && kernel)) {
  const sims = items.map(simulation)
  const { authorize, prepared } = await kernelRequests(sims)
  let differ = 0
  for (let i = 0; i < sims.length; i++) {
    if (prepared[i] === null) continue
    const full = outcome(await runSimulation(sims[i], {}))
    const mine = authorize(prepared[i]).result
    if (full !== mine) {
      differ++
      console.error(`kernel answer differs for ${items[i].id}: runSimulation ${full}, authorize ${mine}`)
    }
  }
  const ready = prepared.filter((p) => p !== null)
  if (kernelCheck) {
    console.log(`kernel (authorize, prepared once): ${ready.length} of ${sims.length} requests prepared, ${differ} answers differ from runSimulation; ${sims.length - ready.length} left out (not one authorize() call)`)
  } else {
    if (differ > 0) process.exit(1)
    const { decisions, elapsed, cpuSeconds } = timeLoop(ready.length, () => { for (const r of ready) authorize(r) }, timeSeconds)
    console.log(JSON.stringify({ evaluator: 'iam-simulate authorize() (kernel, prepared once)', requests: ready.length, decisions, seconds: elapsed, decisionsPerSecond: Math.round(decisions / elapsed), decisionsPerCpuSecond: Math.round(decisions / cpuSeconds) }))
  }
} else if (timeSeconds > 0) {
  const raw = items.map(simulation)
  const sims = perCall ? raw : raw.map(prepared)
  if (!perCall) {
    // Preparing must not change a single answer.
    for (let i = 0; i < raw.length; i++) {
      const [a, b] = [outcome(await runSimulation(raw[i], {})), outcome(await runSimulation(sims[i], {}))]
      if (a !== b) {
        console.error(`prepared policy changed the answer for ${items[i].id}: ${a} -> ${b}`)
        process.exit(1)
      }
    }
  }
  const { decisions, elapsed, cpuSeconds } = await decisionsPerSecond(sims, timeSeconds)
  const evaluator = perCall ? 'iam-simulate (validating per call)' : 'iam-simulate (validated once)'
  console.log(JSON.stringify({ evaluator, requests: sims.length, decisions, seconds: elapsed, decisionsPerSecond: Math.round(decisions / elapsed), decisionsPerCpuSecond: Math.round(decisions / cpuSeconds) }))
} else {
  let agree = 0
  const disagreements = []
  const comparable = items.filter((i) => i.ours !== 'unknown')
  for (const item of comparable) {
    const { theirs, detail } = await decide(item)
    if (theirs === item.ours) {
      agree++
    } else {
      disagreements.push({ id: item.id, ours: item.ours, oursWhy: item.oursWhy, theirs, detail, policy: item.policy, request: item.request })
    }
  }
  const rate = (100 * agree) / comparable.length
  console.log(`${agree} of ${comparable.length} concrete requests agree (${rate.toFixed(1)}%); ${items.length - comparable.length} left out because our answer depends on unknowable facts`)
  const allowedOrNot = comparable.length - disagreements.filter((d) => (d.ours === 'allow') !== (d.theirs === 'allow')).length
  console.log(`allowed or not: ${allowedOrNot} of ${comparable.length} agree (${((100 * allowedOrNot) / comparable.length).toFixed(1)}%); ${allowedOrNot - agree} more than exactly, which differ only in explicit vs implicit deny`)
  if (paths) {
    // Whole paths: thousands of requests, so disagreements are summed up by class (action, both answers, and why).
    const classes = new Map()
    for (const d of disagreements) {
      const key = `${d.request.action} ours=${d.ours} (${(d.oursWhy ?? []).join('; ') || 'allowed'}) theirs=${d.theirs}${d.detail ? ` (${d.detail})` : ''}`
      classes.set(key, [...(classes.get(key) ?? []), d.id])
    }
    for (const [key, ids] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${ids.length} x ${key}; e.g. ${ids[0]}`)
    }
  } else {
    for (const d of disagreements) {
      console.log(`  ${d.id}: ours=${d.ours} theirs=${d.theirs}${d.detail ? ' ' + d.detail.slice(0, 200) : ''}`)
    }
  }
  if (reportPath) {
    writeFileSync(reportPath, JSON.stringify({ agree, total: comparable.length, rate, disagreements }, null, 2))
  }
}
