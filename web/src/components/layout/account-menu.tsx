import { LogOutIcon } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { ACCOUNT_TRIGGER_CLASS, AccountTriggerContent } from './account-trigger';

/** The local-mode account menu (a radix dropdown): its own chunk, since the first paint shows only its trigger. */
export default function AccountMenu({
  email,
  detail,
  signOut,
  defaultOpen = false,
  autoFocus = false,
}: {
  email: string;
  detail: string | undefined;
  signOut: () => void;
  /** Open at once: the trigger was clicked before this code had loaded. */
  defaultOpen?: boolean;
  /** Focus the trigger on mount: it replaces a placeholder that had the focus. */
  autoFocus?: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger className={ACCOUNT_TRIGGER_CLASS} autoFocus={autoFocus}>
        <AccountTriggerContent email={email} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <div className="truncate font-medium">{email}</div>
          <div className="truncate text-xs font-normal text-muted-foreground">{detail}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={signOut}>
          <LogOutIcon aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
