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
}: {
  email: string;
  detail: string | undefined;
  signOut: () => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className={ACCOUNT_TRIGGER_CLASS}>
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
