#!/usr/bin/env node
// @ts-nocheck
/**
 * The `create-worker` command (also `npm init worker`, `deno run -A npm:create-worker`).
 * @module
 */
import module from "node:module";
import process from "node:process";
import { main } from "./cli.ts";

// Node >= 22.1 keeps compiled code between runs (hygen and what it loads, babel's parser): less to wait for.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
process.exitCode = await main(process.argv.slice(2), process.cwd(), (l) => console.log(l), (l) => console.error(l), process.env);
