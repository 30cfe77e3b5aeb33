import { SearchIcon, SwatchBookIcon } from 'lucide-react';
import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { ListState } from '@/components/list/list-state';
import { SwipeThumb } from '@/components/swipes/swipe-media';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { trpc } from '@/lib/trpc';
import { useDebounced } from '@/lib/use-debounced';
import { ImportDialog } from './library/import-dialog';
import { SwipeDetailDialog } from './library/swipe-detail-dialog';

const PAGE_SIZE = 24;
// Slugs as the import stores them (lower-case, underscores).
const PLATFORMS = ['facebook', 'instagram', 'messenger', 'audience_network', 'threads', 'tiktok'] as const;
const FORMATS = ['image', 'video', 'carousel', 'dco', 'dpa'] as const;
const label = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/_/g, ' ');

export default function LibraryPage() {
  const [search, setSearch] = useState('');
  const [platform, setPlatform] = useState('');
  const [format, setFormat] = useState('');
  const [brandId, setBrandId] = useState('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('');
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useDebounced(search.trim(), 300);
  const filters = {
    q: q || undefined,
    platform: platform || undefined,
    format: format || undefined,
    brandId: brandId || undefined,
    active: active === '' ? undefined : active === 'true',
  };
  const brands = trpc.swipes.brands.list.useQuery({ limit: 100 }, { staleTime: 60_000 });
  const query = trpc.swipes.company.list.useInfiniteQuery(
    { ...filters, limit: PAGE_SIZE },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor },
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="Library"
        description="Your agency's swipe file: competitor and reference ads from ad-library exports."
        actions={<ImportDialog />}
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-sm">
          <SearchIcon
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            type="search"
            aria-label="Search ads"
            placeholder='Search copy, e.g. "free shipping" -coupon'
            className="pl-9"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <NativeSelect
          aria-label="Platform"
          className="w-40"
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
        >
          <option value="">All platforms</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Format"
          className="w-36"
          value={format}
          onChange={(e) => setFormat(e.target.value)}
        >
          <option value="">All formats</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f.length <= 3 ? f.toUpperCase() : label(f)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Brand"
          className="w-48"
          value={brandId}
          onChange={(e) => setBrandId(e.target.value)}
        >
          <option value="">All brands</option>
          {brands.data?.items.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.adCount})
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Status"
          className="w-36"
          value={active}
          onChange={(e) => setActive(e.target.value as '' | 'true' | 'false')}
        >
          <option value="">Any status</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </NativeSelect>
      </div>

      <ListState
        query={query}
        autoLoad
        icon={SwatchBookIcon}
        errorTitle="The library could not be loaded"
        empty={{
          title: filtered ? 'No ads match' : 'The library is empty',
          description: filtered
            ? 'Try other words or clear a filter.'
            : 'Import an ad-library export to fill your swipe file with reference ads.',
        }}
        loading={
          <div
            className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4"
            role="status"
            aria-busy="true"
            aria-label="Loading ads"
          >
            {Array.from({ length: 8 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <Skeleton key={i} className="aspect-[3/4] rounded-lg" />
            ))}
          </div>
        }
      >
        {(rows) => (
          <ul className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4" aria-label="Ads">
            {rows.map((s) => {
              const title = s.title ?? s.brand?.name ?? 'Untitled ad';
              return (
                <li key={s.id}>
                  <Card className="h-full overflow-hidden transition-shadow hover:shadow-md">
                    <button
                      type="button"
                      className="flex h-full w-full flex-col text-left focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                      onClick={() => setOpenId(s.id)}
                    >
                      <SwipeThumb media={s.media} alt={title} />
                      <div className="grid gap-1.5 p-3">
                        <p className="truncate text-xs font-medium text-muted-foreground">
                          {s.brand?.name ?? '—'}
                        </p>
                        <p className="line-clamp-2 text-sm font-medium">{title}</p>
                        <div className="flex flex-wrap gap-1">
                          {s.displayFormat ? <Badge variant="outline">{s.displayFormat}</Badge> : null}
                          {s.active ? <Badge variant="success">Active</Badge> : null}
                          {s.daysActive != null ? <Badge variant="secondary">{s.daysActive}d</Badge> : null}
                        </div>
                      </div>
                    </button>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </ListState>
      <SwipeDetailDialog swipeId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
