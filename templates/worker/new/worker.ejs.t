---
to: <%- dir %>/<%- fileName %>.ts
---
<%# Values go in raw, never HTML-escaped; the cron pattern only as a string literal: its star-slash would end a comment. -%>
<% if (cron) { -%>
import "<%- lib %>/cron";
<% } -%>
import { PeriodicBackgroundWorker, type WorkerContext } from "<%- lib %>";

/**
 * <%- className %>: runs <%- cron ? "on the cron schedule given to super() below" : `every ${period} ms` %>, never overlapping itself.
 *
 * @example
 * ```ts
 * manager.add(new <%- className %>());
 * ```
 */
export class <%- className %> extends PeriodicBackgroundWorker {
  constructor() {
    super({ <%- cron ? `cron: ${JSON.stringify(cron)}` : `period: ${period}` %><%- runOnStart ? ", runOnStart: true" : "" %> });
  }

  /** One run. `signal` aborts when the worker stops: pass it to every call that can wait. */
  protected override async doWork({ signal, run }: WorkerContext): Promise<void> {
    // TODO: the work of <%- className %>, e.g. `await fetch(url, { signal })`.
    signal.throwIfAborted();
    await Promise.resolve(run);
  }
}
