import { Link2OffIcon, LinkIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import { channelLabel, formatLabel, idLabel } from '@/lib/labels';
import type { RouterOutputs } from '@/lib/trpc';

export type AdLink = RouterOutputs['assets']['platformAds']['items'][number];

/** An asset a Meta ad can be linked to, as the link forms offer it. */
export interface LinkableAsset {
  id: string;
  label: string;
  variantId: string | null;
}

/** The asset's name as the asset gallery titles it: its headline, else channel · format. */
export function assetLabel(a: { headline: string | null; channelId: string; format: string }): string {
  return a.headline?.trim() ? a.headline : `${channelLabel(a.channelId)} · ${formatLabel(a.format)}`;
}

/** The headline an asset's content carries (a string, or lines of one), as the gallery reads it. */
export function headlineOf(content: unknown): string | null {
  const v = content && typeof content === 'object' ? (content as Record<string, unknown>).headline : null;
  if (typeof v === 'string' && v.trim()) return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join('\n') || null;
  return null;
}

// The arm first: a narrow select cuts the end of a long headline, and the arm is what the person picks by.
const optionText = (a: LinkableAsset) =>
  `${a.variantId ? `Arm ${idLabel(a.variantId)}` : 'No arm'} · ${a.label.split('\n')[0]}`;

export const META_AD_ID = /^\d{1,30}$/;

/** A select of the client's assets (with their experiment arm) to link an ad id to. */
export function AssetSelect({
  id,
  assets,
  value,
  onChange,
  label = 'Asset',
}: {
  id: string;
  assets: readonly LinkableAsset[];
  value: string;
  onChange: (assetId: string) => void;
  label?: string;
}) {
  return (
    <NativeSelect id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="" disabled>
        {assets.length ? '— choose an asset —' : 'No asset for this client yet'}
      </option>
      {assets.map((a) => (
        <option key={a.id} value={a.id}>
          {optionText(a)}
        </option>
      ))}
    </NativeSelect>
  );
}

/**
 * The client's Meta ad links: which ad's numbers (from the connector or a CSV with a "Platform ad id" column) land
 * on which asset. Operators and admins link and unlink; everyone else reads.
 */
export function AdLinksCard({
  links,
  assets,
  canEdit,
  onLink,
  onUnlink,
}: {
  links: readonly AdLink[];
  assets: readonly LinkableAsset[];
  canEdit: boolean;
  onLink: (externalAdId: string, assetId: string) => Promise<void>;
  onUnlink: (link: AdLink) => Promise<void>;
}) {
  const formId = useId();
  const [adId, setAdId] = useState('');
  const [assetId, setAssetId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const adIdError =
    adId.trim() && !META_AD_ID.test(adId.trim()) ? 'Digits only, as Meta shows the ad id' : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!assetId || !META_AD_ID.test(adId.trim())) return;
    setBusy('link');
    setError(null);
    try {
      await onLink(adId.trim(), assetId);
      setAdId('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const unlink = async (l: AdLink) => {
    setBusy(l.externalAdId);
    setError(null);
    try {
      await onUnlink(l);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card data-testid="ad-links">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <LinkIcon className="size-4 text-muted-foreground" aria-hidden /> Ad links
        </CardTitle>
        <CardDescription>
          A Meta ad’s numbers land on the asset it is linked to, from the connector and from CSV uploads with
          a “Platform ad id” column. Numbers already stored stay when a link is removed.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {links.length === 0 ? (
          <p className="text-sm text-muted-foreground">No ad linked to an asset of this client yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-md border">
            <Table aria-label="Ad links">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Meta ad id</TableHead>
                  <TableHead>Asset</TableHead>
                  <TableHead>Arm</TableHead>
                  <TableHead className="text-right">Linked</TableHead>
                  {canEdit ? <TableHead className="w-24" /> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {links.map((l) => (
                  <TableRow key={`${l.platform}:${l.externalAdId}`}>
                    <TableCell className="font-mono text-xs">{l.externalAdId}</TableCell>
                    <TableCell className="max-w-72 truncate font-medium">
                      {assetLabel(l).split('\n')[0]}
                    </TableCell>
                    <TableCell>
                      {l.variantId ? (
                        <Badge variant="secondary">{idLabel(l.variantId)}</Badge>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                    <TableCell className="text-right text-muted-foreground">
                      {formatRelative(l.createdAt)}
                    </TableCell>
                    {canEdit ? (
                      <TableCell className="text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={busy !== null}
                          aria-label={`Unlink ad ${l.externalAdId}`}
                          onClick={() => void unlink(l)}
                        >
                          <Link2OffIcon aria-hidden /> Unlink
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {canEdit ? (
          <form
            className="grid items-start gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto]"
            aria-label="Link a Meta ad"
            onSubmit={(e) => void submit(e)}
          >
            <FormField id={`${formId}-ad`} label="Meta ad id" error={adIdError}>
              <Input
                id={`${formId}-ad`}
                inputMode="numeric"
                placeholder="120210000000000001"
                value={adId}
                aria-invalid={adIdError ? true : undefined}
                onChange={(e) => setAdId(e.target.value)}
              />
            </FormField>
            <FormField id={`${formId}-asset`} label="Asset (experiment arm)">
              <AssetSelect id={`${formId}-asset`} assets={assets} value={assetId} onChange={setAssetId} />
            </FormField>
            <Button
              type="submit"
              className="sm:mt-6"
              disabled={busy !== null || !assetId || !META_AD_ID.test(adId.trim())}
            >
              <LinkIcon aria-hidden /> {busy === 'link' ? 'Linking…' : 'Link ad'}
            </Button>
          </form>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
