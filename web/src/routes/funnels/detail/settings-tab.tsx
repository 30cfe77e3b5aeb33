import { FunnelSettings } from '@mos/db/contracts';
import { useState } from 'react';
import { DesignTokensEditor } from '@/components/funnels/design-tokens-editor';
import { SettingsForm } from '@/components/funnels/settings-form';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

export function SettingsTab({
  detail,
  canEdit,
  isAdmin,
}: {
  detail: FunnelDetail;
  canEdit: boolean;
  isAdmin: boolean;
}) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});
  // Secret names are listed to admins only; others see the names the settings already hold.
  const secrets = trpc.secrets.list.useQuery(undefined, { meta: { silent: true }, enabled: isAdmin });
  const update = trpc.funnels.update.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      setServerErrors({});
      toast.success('Settings saved');
      await utils.funnels.get.invalidate({ id: funnel.id });
    },
    onError: (err) => {
      const errs: Partial<Record<string, string>> = {};
      // Issues arrive under `settings.<field>`: shown at the field they name.
      for (const i of fieldIssuesOf(err))
        errs[String(i.path[i.path[0] === 'settings' ? 1 : 0])] ??= i.message;
      setServerErrors(errs);
      toast.error(errorMessage(err));
    },
  });
  const putSecret = trpc.secrets.set.useMutation({
    meta: { silent: true },
    onSuccess: async (_, v) => {
      toast.success(`Secret “${v.name}” stored`);
      await utils.secrets.list.invalidate();
    },
    onError: (err) => toast.error(errorMessage(err)),
  });
  if (isAdmin && secrets.isPending) return <Skeleton className="h-64 w-full" />;
  return (
    <SettingsForm
      settings={FunnelSettings.parse(funnel.settings)}
      secretNames={(secrets.data ?? []).map((s) => s.name)}
      canEdit={canEdit}
      isAdmin={isAdmin}
      saving={update.isPending}
      addingSecret={putSecret.isPending}
      serverErrors={serverErrors}
      onSave={(settings) => update.mutate({ id: funnel.id, settings })}
      onAddSecret={(name, value) => putSecret.mutateAsync({ name, value })}
    />
  );
}

export function DesignTab({ detail, canEdit }: { detail: FunnelDetail; canEdit: boolean }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const tokens = trpc.clients.designTokens.useQuery(
    { clientId: funnel.clientId },
    { meta: { silent: true } },
  );
  const save = trpc.clients.setDesignTokens.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      toast.success('Design tokens saved');
      await utils.clients.designTokens.invalidate({ clientId: funnel.clientId });
    },
    onError: (err) => toast.error(errorMessage(err)),
  });
  if (tokens.isPending) return <Skeleton className="h-64 w-full" />;
  if (tokens.isError) return <p className="text-sm text-destructive">{tokens.error.message}</p>;
  return (
    <DesignTokensEditor
      tokens={tokens.data.tokens}
      seededFromCanon={tokens.data.source === 'canon'}
      canEdit={canEdit}
      saving={save.isPending}
      onSave={(t) => save.mutate({ clientId: funnel.clientId, tokens: t })}
    />
  );
}
