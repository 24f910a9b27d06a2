/**
 * How long one `create-worker` run takes in an installed project (target ≤ 1.5 s wall on 2 cores):
 * builds and packs both packages, installs them into a temporary npm project, then times runs of
 * the installed bin (a fresh worker name each time) and prints the median and the slowest.
 *
 *   node_modules/.bin/deno run -A bench/create_worker.ts [--runs 7]
 */
const root = new URL("..", import.meta.url).pathname;
const at = Deno.args.indexOf("--runs");
const runs = at >= 0 ? Number(Deno.args[at + 1]) : 7;

async function ok(cmd: string, args: string[], cwd: string): Promise<void> {
  const r = await new Deno.Command(cmd, { args, cwd, stdout: "null", stderr: "piped" }).output();
  if (!r.success) throw new Error(`${cmd} ${args.join(" ")}: ${new TextDecoder().decode(r.stderr)}`);
}

const tmp = await Deno.makeTempDir({ prefix: "create-worker-bench-" });
try {
  await ok(Deno.execPath(), ["run", "-A", "scripts/build_npm.ts", "--out", `${tmp}/lib`], root);
  await ok(Deno.execPath(), ["run", "-A", "scripts/build_create_worker.ts", "--out", `${tmp}/cw`], root);
  await ok("npm", ["pack", `${tmp}/lib`, `${tmp}/cw`, "--pack-destination", tmp], tmp);
  const app = `${tmp}/app`;
  await Deno.mkdir(app);
  await Deno.writeTextFile(`${app}/package.json`, JSON.stringify({ name: "app", private: true, type: "module" }));
  const tarballs = [...Deno.readDirSync(tmp)].filter((e) => e.name.endsWith(".tgz")).map((e) => `${tmp}/${e.name}`);
  await ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs], app);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await ok("node", [`${app}/node_modules/.bin/create-worker`, `Bench${i}`, "--period", "5s"], app);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`| create-worker, one run in an installed npm project | ${median.toFixed(0)} ms median | ${times.at(-1)!.toFixed(0)} ms slowest | ${runs} runs, ${navigator.hardwareConcurrency} cores, Node ${
    new TextDecoder().decode((await new Deno.Command("node", { args: ["--version"] }).output()).stdout).trim()
  } |`);
} finally {
  await Deno.remove(tmp, { recursive: true });
}
