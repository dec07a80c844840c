/** prune's own options: the quarantine's retention, emptying it, and what to do with no declarations. */
import { accept, booleanOption, type Checked, reject, textOption } from './option-kinds.js';

/** How long a quarantined clone is kept before a prune deletes it (the option table sits below every stage). */
export const DEFAULT_RETENTION_DAYS = 14;

function retentionDays(raw: string): Checked<number | null> {
  if (!/^\d{1,5}$/.test(raw))
    return reject(`must be a whole number of days, not '${raw}'`, String(DEFAULT_RETENTION_DAYS));
  return accept(Number(raw));
}

export const PRUNE_OPTIONS = {
  retentionDays: textOption({
    flag: 'retention-days',
    input: null,
    valueName: 'DAYS',
    default: null,
    commands: ['prune'],
    help: `delete quarantined clones moved more than DAYS days ago (default: ${DEFAULT_RETENTION_DAYS})`,
    check: retentionDays,
  }),
  purge: booleanOption({
    flag: 'purge',
    input: null,
    default: false,
    commands: ['prune'],
    help: 'empty the quarantine now (deletes every quarantined clone)',
  }),
  pruneIncludes: booleanOption({
    flag: 'include-clones',
    input: null,
    default: false,
    commands: ['prune'],
    help: 'with no declarations found, also quarantine clones that are not module repositories (bundle includes)',
  }),
} as const;
