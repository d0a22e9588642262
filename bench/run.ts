/**
 * Entry point of `npm run bench`: measures per-call cost, CLI start-up, bundle size,
 * generation time and memory, prints the results and writes docs/BENCHMARKS.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { runChild } from './child.js';
import { measureGeneration } from './generation.js';
import { describeMachine } from './machine.js';
import { measureMemory } from './memory.js';
import { measurePerCall } from './per-call.js';
import { type BenchResults, checkBudgets, renderBudgets, renderPage } from './report.js';
import { startBenchServer } from './server.js';
import { listRuntimePackages, measureBundle } from './size.js';
import { measureStartup } from './startup.js';

const repositoryRoot = new URL('..', import.meta.url).pathname;
const docsDirectory = new URL('../docs/', import.meta.url);
const pagePath = new URL('BENCHMARKS.md', docsDirectory).pathname;
const biomePath = new URL('../node_modules/.bin/biome', import.meta.url).pathname;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Builds dist/, so that the workers and the CLI run the current source as users get it. */
async function buildDist(): Promise<void> {
  log('Building dist/ with npm run build…');
  await runChild('npm', ['run', '--silent', 'build', '--prefix', repositoryRoot]);
}

async function measureAll(): Promise<BenchResults> {
  const machine = describeMachine();
  await buildDist();
  const server = await startBenchServer();
  try {
    log('Measuring per-call cost…');
    const perCall = (await measurePerCall(server)).figures;
    log('Measuring CLI start-up…');
    const startup = await measureStartup(server);
    log('Measuring memory…');
    const memory = await measureMemory(server);
    log('Measuring size…');
    const bundles = [await measureBundle(false), await measureBundle(true)];
    log('Measuring generation…');
    const generation = await measureGeneration();

    return {
      machine,
      runnerBodyBytes: server.bodyBytes,
      perCall,
      startup,
      bundles,
      runtimePackages: listRuntimePackages(),
      generation,
      memory,
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const results = await measureAll();
  const page = renderPage(results);
  await mkdir(docsDirectory, { recursive: true });
  await writeFile(pagePath, page);
  // Biome checks Markdown too, so the page is reformatted to keep npm run lint clean.
  await runChild(biomePath, ['format', '--write', pagePath]);

  log(`\n${page}`);
  log(`\n${renderBudgets(checkBudgets(results))}`);
  log('\nWrote docs/BENCHMARKS.md.');
}

await main();
