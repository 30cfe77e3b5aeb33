import type { ComponentProps } from 'react';
import { NativeSelect } from '@/components/ui/native-select';
import { trpc } from '@/lib/trpc';

/** The org's clients for pickers (first 100 by the list's order; agencies rarely run more at once), with their markets. */
export function useClientOptions() {
  return trpc.clients.list.useQuery(
    { limit: 100 },
    {
      select: (page) =>
        page.items.map((c) => ({ id: c.id, name: c.name, primaryMarkets: c.primaryMarkets ?? [] })),
      staleTime: 60_000,
    },
  );
}

export type ClientSelectProps = Omit<ComponentProps<'select'>, 'value' | 'onChange'> & {
  value: string;
  onValueChange: (id: string) => void;
  /** Label of the empty option, e.g. "All clients"; omit to force a choice. */
  emptyLabel?: string;
};

export function ClientSelect({ value, onValueChange, emptyLabel, disabled, ...props }: ClientSelectProps) {
  const clients = useClientOptions();
  return (
    <NativeSelect
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
      disabled={clients.isPending || disabled}
      {...props}
    >
      <option value="">{emptyLabel ?? (clients.isPending ? 'Loading clients…' : 'Choose a client')}</option>
      {clients.data?.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </NativeSelect>
  );
}
