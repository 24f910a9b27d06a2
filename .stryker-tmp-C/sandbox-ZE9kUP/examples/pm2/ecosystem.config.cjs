// @ts-nocheck
// PM2 for examples/pm2/main.ts: three instances on Node (cluster mode) or on Bun (fork mode).
//
//   npx tsc && pm2 start ecosystem.config.cjs --only workers-node
//   pm2 start ecosystem.config.cjs --only workers-bun
//   pm2 reload workers-node      # one instance after another, each stopped gracefully
//
// - kill_timeout must exceed the manager's stopTimeout: PM2 sends SIGINT, waits kill_timeout
//   (1,600 ms by default), then SIGKILL. With the default, a run that takes longer to wind down is
//   killed mid-work, the "runs still in flight" line never prints and its lease is left to expire.
// - Cluster mode runs every app on PM2's own Node and ignores `interpreter`: on Node 20 it cannot
//   load a .ts file, so it runs the tsc build. Bun has no cluster mode: fork mode, several instances.
// - Fork mode on Bun loads the app with require(): no top-level await in main.ts.
const stopTimeout = Number(process.env.STOP_TIMEOUT ?? 30_000);
const shared = {
  instances: 3,
  kill_timeout: stopTimeout + 5_000,
  env: { STOP_TIMEOUT: String(stopTimeout) },
};

module.exports = {
  apps: [
    { name: "workers-node", script: "dist/main.js", exec_mode: "cluster", ...shared },
    { name: "workers-bun", script: "main.ts", interpreter: "bun", exec_mode: "fork", ...shared },
  ],
};
