import { ChevronsUpDownIcon } from 'lucide-react';

export const ACCOUNT_TRIGGER_CLASS =
  'flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring';

/** What the account trigger shows: initials, email, chevron (also the placeholder while the menu's code loads). */
export function AccountTriggerContent({ email }: { email: string }) {
  return (
    <>
      <span className="flex size-8 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground uppercase">
        {email.slice(0, 2) || '?'}
      </span>
      <span className="hidden max-w-48 truncate sm:inline">{email}</span>
      <ChevronsUpDownIcon className="size-4 text-muted-foreground" aria-hidden />
    </>
  );
}
