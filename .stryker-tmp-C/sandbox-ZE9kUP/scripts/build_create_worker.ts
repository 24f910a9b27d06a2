/**
 * Builds the `create-worker` npm package into npm-create-worker/: the generator bundled into one
 * ES module (its dependencies, hygen, @babel/parser and croner, stay dependencies), the templates, and a
 * package.json with the `create-worker` bin (which `npm init worker` runs too).
 *
 *   deno run -A scripts/build_create_worker.ts [--out DIR]
 */
// @ts-nocheck

const root = new URL("..", import.meta.url).pathname;
const at = Deno.args.indexOf("--out");
const out = at >= 0 ? Deno.args[at + 1] as string : `${root}npm-create-worker`;

await Deno.remove(out, { recursive: true }).catch(() => {});
await Deno.mkdir(`${out}/templates/worker/new`, { recursive: true });

const bun = await new Deno.Command(`${root}node_modules/.bin/bun`, {
  args: ["build", `${root}src/create_worker/bin.ts`, "--target=node", "--packages=external", "--outfile", `${out}/bin.mjs`],
}).output();
if (!bun.success) throw new Error(new TextDecoder().decode(bun.stderr));
const bin = await Deno.readTextFile(`${out}/bin.mjs`);
await Deno.writeTextFile(`${out}/bin.mjs`, bin.startsWith("#!") ? bin : `#!/usr/bin/env node\n${bin}`);
await Deno.chmod(`${out}/bin.mjs`, 0o755);

for await (const entry of Deno.readDir(`${root}templates/worker/new`)) {
  await Deno.copyFile(`${root}templates/worker/new/${entry.name}`, `${out}/templates/worker/new/${entry.name}`);
}
await Deno.copyFile(`${root}LICENSE`, `${out}/LICENSE`);

const deno = JSON.parse(await Deno.readTextFile(`${root}deno.json`)) as { version: string };
const rootPackage = JSON.parse(await Deno.readTextFile(`${root}package.json`)) as { devDependencies: Record<string, string> };
const dependency = (name: string): string => {
  const version = rootPackage.devDependencies[name] ?? (rootPackage as { dependencies?: Record<string, string> }).dependencies?.[name];
  if (version === undefined) throw new Error(`${name} is not in the root package.json`);
  return version;
};
const dependencies: Record<string, string> = { hygen: dependency("hygen"), "@babel/parser": dependency("@babel/parser") };
try {
  dependencies.croner = dependency("croner");
} catch {
  // Without croner the generator checks --cron patterns by their shape only.
}
const pkg = {
  name: "create-worker",
  version: deno.version,
  description: "Scaffolds a @background/workers periodic worker, its test and its registration: npx create-worker PassiveUserChecker",
  type: "module",
  license: "MIT",
  bin: { "create-worker": "bin.mjs" },
  files: ["bin.mjs", "templates", "LICENSE", "README.md"],
  engines: { node: ">=20" },
  dependencies,
};
await Deno.writeTextFile(`${out}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
await Deno.writeTextFile(
  `${out}/README.md`,
  `# create-worker\n\n\`npx create-worker PassiveUserChecker --period 5s\` scaffolds a periodic worker of\n[@background/workers](https://www.npmjs.com/package/@background/workers), its test, and its registration.\nRun \`npx create-worker --help\` for the options.\n`,
);
console.log(`built ${out} (create-worker ${deno.version})`);
