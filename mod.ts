/**
 * Periodic background workers for Deno, Bun and Node, after ABP's background workers: a worker
 * runs `doWork(context)` every `period` ms and never overlaps itself, gets an `AbortSignal` that
 * aborts when it stops, and a manager starts, stops and reports on all of them through one timer.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, PeriodicBackgroundWorker, type WorkerContext } from "@background/workers";
 *
 * class PassiveUserCheckerWorker extends PeriodicBackgroundWorker {
 *   constructor() {
 *     super({ period: 5_000 });
 *   }
 *   protected override async doWork({ signal }: WorkerContext): Promise<void> {
 *     await fetch("https://example.com/users/check-passive", { method: "POST", signal });
 *   }
 * }
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(new PassiveUserCheckerWorker());
 * await manager.start();
 * ```
 *
 * @module
 */
export { BackgroundWorkerManager, type ManagerOptions } from "./src/core/manager.ts";
export { PeriodicBackgroundWorker } from "./src/core/periodic_worker.ts";
export { periodic } from "./src/core/periodic.ts";
export type { MissedSlots, OverlapPolicy, PeriodicOptions, PeriodicWorkerOptions, ScheduleMode } from "./src/core/worker_options.ts";
export type { BackoffOptions } from "./src/core/schedule.ts";
export type {
  BackgroundWorker,
  ErrorHandler,
  ErrorInfo,
  Logger,
  RunResult,
  ScopeFactory,
  StopOptions,
  StopReport,
  UnsettledRun,
  WorkerContext,
  WorkerState,
  SkipCounts,
  WorkerStatus,
} from "./src/core/types.ts";
export type { StopOnShutdownOptions } from "./src/core/shutdown_hook.ts";
export type { Clock, ClockSource } from "./src/core/clock.ts";
export type { Engine, EngineJob, EngineRegistration, EngineSchedule, EngineWorker } from "./src/core/engine.ts";
export type {
  DueEvent,
  LeaseEvent,
  RunEndEvent,
  RunEvent,
  RunObserver,
  RunOutcome,
  SkipEvent,
  SkipReason,
} from "./src/core/observer.ts";
export { detectRuntime, onShutdown, type RuntimeName } from "./src/runtime/mod.ts";
export type { ShutdownOptions, ShutdownSignal } from "./src/runtime/shutdown.ts";
export {
  type Admission,
  type ClusterLeaseStore,
  type CoordinatorSettings,
  type LeaseCoordinator,
  type LeaseEvents,
  LeaseLostError,
  type LeaseOptions,
  type LeaseStore,
  type LeaseTimers,
  type LeaseWorkerInfo,
  type Resumption,
  type WorkerLease,
} from "./src/core/lease.ts";
