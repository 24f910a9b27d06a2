#!/usr/bin/env node
/**
 * The `create-worker` command (also `npm init worker`, `deno run -A npm:create-worker`).
 * @module
 */
import process from "node:process";
import { main } from "./cli.ts";

process.exitCode = await main(process.argv.slice(2), process.cwd(), (l) => console.log(l), (l) => console.error(l), process.env);
