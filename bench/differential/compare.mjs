// Differential check and speed run against @cloud-copilot/iam-simulate (AGPL), called as a library in this
// separate Node process only: none of its code or data is copied into this repository.
//
//   node compare.mjs REQUESTS.json [--report disagreements.json] [--time SECONDS]
//
// REQUESTS.json comes from `dotnet run --project bench/Guardrail.Differential -- export REQUESTS.json`.
import { readFileSync, writeFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const args = process.argv.slice(2)
const input = args[0]
const reportPath = args.includes('--report') ? args[args.indexOf('--report') + 1] : null
const timeSeconds = args.includes('--time') ? Number(args[args.indexOf('--time') + 1]) : 0
const items = JSON.parse(readFileSync(input, 'utf8'))

const allowAll = [{ name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]

function simulation(item) {
  const r = item.request
  const principal = r.principal.startsWith('service:') ? r.principal.slice('service:'.length) : r.principal
  return {
    identityPolicies: item.identityAllowsAll ? allowAll : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
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
  return { theirs: names[response.overallResult] ?? String(response.overallResult) }
}

if (timeSeconds > 0) {
  const sims = items.map(simulation)
  let decisions = 0
  const start = process.hrtime.bigint()
  let elapsed = 0
  while (elapsed < timeSeconds) {
    for (const s of sims) {
      await runSimulation(s, {})
    }
    decisions += sims.length
    elapsed = Number(process.hrtime.bigint() - start) / 1e9
  }
  console.log(JSON.stringify({ evaluator: 'iam-simulate', requests: sims.length, decisions, seconds: elapsed, decisionsPerSecond: Math.round(decisions / elapsed) }))
} else {
  let agree = 0
  const disagreements = []
  const comparable = items.filter((i) => i.ours !== 'unknown')
  for (const item of comparable) {
    const { theirs, detail } = await decide(item)
    if (theirs === item.ours) {
      agree++
    } else {
      disagreements.push({ id: item.id, ours: item.ours, theirs, detail, policy: item.policy, request: item.request })
    }
  }
  const rate = (100 * agree) / comparable.length
  console.log(`${agree} of ${comparable.length} concrete requests agree (${rate.toFixed(1)}%); ${items.length - comparable.length} left out because our answer depends on unknowable facts`)
  for (const d of disagreements) {
    console.log(`  ${d.id}: ours=${d.ours} theirs=${d.theirs}${d.detail ? ' ' + d.detail.slice(0, 200) : ''}`)
  }
  if (reportPath) {
    writeFileSync(reportPath, JSON.stringify({ agree, total: comparable.length, rate, disagreements }, null, 2))
  }
}
