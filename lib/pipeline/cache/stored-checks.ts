import { ObjectResults, ResultsSummary, summarize } from '../../policy/object-results';
import { asSummary, summarizedResults } from '../../policy/results-summary';

/**
 * An entry's check results as stored: their summary (`summarize`) on one line, then the results as
 * JSON, or nothing when the summary stands for them (`summarizedResults`): nearly every app's
 * results are some 40 lists of empty lists an object, ~2.4 KB of 2.7 (at 10,000 apps, 27 MB held
 * an environment while it waits to be stored, and as much copied out of the packs by a warm run).
 * JSON never writes a raw newline, so the first one ends the summary; bytes without one are results
 * alone (no summary).
 */
export function encodeChecks(results: ObjectResults, objects: number): string {
  const summary = summarize(results, objects);
  const whole = JSON.stringify(results);
  return `${JSON.stringify(summary)}\n${JSON.stringify(summarizedResults(summary)) === whole ? '' : whole}`;
}

/**
 * A hit's stored check results, each part parsed on first use: a warm synth of an app whose summary
 * covers its checks parses the summary's one short line and never the results (about 40 lists per
 * object). Holds a copy of the bytes: a slice of the pack's would keep the whole pack alive.
 */
export class StoredChecks {
  private readonly bytes: Buffer;
  private summaryRead?: ResultsSummary | null;
  private resultsRead?: ObjectResults | null;

  constructor(bytes: Buffer) {
    this.bytes = Buffer.from(bytes);
  }

  /** The stored summary, or undefined: none stored, or one that does not read back. */
  summary(): ResultsSummary | undefined {
    if (this.summaryRead === undefined) {
      const end = this.bytes.indexOf(0x0a);
      this.summaryRead = end < 0 ? null : (asSummary(parsed(this.bytes.toString('utf8', 0, end))) ?? null);
    }
    return this.summaryRead ?? undefined;
  }

  /** The stored results, or undefined when they do not read back (AppResults checks the lists). */
  results(): ObjectResults | undefined {
    // Read back from JSON: anything but an object is results not stored.
    if (this.resultsRead === undefined) this.resultsRead = storedResults(this.bytes.toString('utf8')) ?? null;
    return this.resultsRead ?? undefined;
  }
}

/** The results `encodeChecks` wrote, or undefined when they do not read back. */
export function storedResults(encoded: string): ObjectResults | undefined {
  const end = encoded.indexOf('\n');
  if (end >= 0 && end === encoded.length - 1) {
    const summary = asSummary(parsed(encoded.slice(0, end)));
    return summary && summarizedResults(summary);
  }
  const results = parsed(encoded.slice(end + 1));
  return results !== null && typeof results === 'object' && !Array.isArray(results) ? results : undefined;
}

/** A stored JSON part, or undefined when it does not parse. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
