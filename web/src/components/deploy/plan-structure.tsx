import type { ApplicationSpec, Plan } from '@mos/cloudhand/plan';
import { GlobeIcon, LockIcon, LockOpenIcon, ServerIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';

const KIND_LABEL: Record<ApplicationSpec['source_type'], string> = {
  git: 'Git app',
  funnel_publication: 'Funnel',
  mos_worker: 'MOS worker',
};

function EnvKeys({ env }: { env: ApplicationSpec['service_config']['environment'] }) {
  const entries = Object.entries(env);
  if (entries.length === 0) return <span className="text-muted-foreground">none</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Environment">
      {entries.map(([key, v]) => (
        <li key={key}>
          {typeof v === 'string' ? (
            // The key only: plain values may still be sensitive, and the JSON tab shows them to whoever edits.
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{key}</code>
          ) : (
            <code
              className="inline-flex flex-wrap items-center rounded bg-primary/10 px-1.5 py-0.5 font-mono text-xs break-all text-primary"
              data-secret-ref={v.secret}
              title={`${key} comes from the org secret ${v.secret}`}
            >
              {key}=<LockIcon className="mx-0.5 size-3" aria-hidden />
              <span className="sr-only">secret </span>
              {v.secret}
            </code>
          )}
        </li>
      ))}
    </ul>
  );
}

function Workload({ w }: { w: ApplicationSpec }) {
  const sc = w.service_config;
  const funnelDomains = w.mos_worker?.funnel_server_names ?? [];
  const names = [
    ...sc.server_names,
    ...(w.mos_worker?.relay_server_name ? [w.mos_worker.relay_server_name] : []),
  ];
  return (
    <li className="grid gap-2 rounded-md border bg-background p-3" data-workload={w.name}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{w.name}</span>
        <Badge variant="secondary">{KIND_LABEL[w.source_type]}</Badge>
        {w.source_type === 'git' ? <Badge variant="outline">{w.runtime}</Badge> : null}
        {sc.https ? (
          <Badge variant="success">
            <LockIcon className="size-3" aria-hidden /> https
          </Badge>
        ) : (
          <Badge variant="outline">
            <LockOpenIcon className="size-3" aria-hidden /> http
          </Badge>
        )}
      </div>
      <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Source</dt>
        <dd className="min-w-0 font-mono text-xs break-all">
          {w.source_type === 'funnel_publication'
            ? `funnel ${w.source_ref?.public_id ?? '?'}`
            : `${w.repo_url ?? '—'}${w.branch ? ` @ ${w.branch}` : ''}`}
        </dd>
        <dt className="text-muted-foreground">Ports</dt>
        <dd className="font-mono text-xs">
          {sc.ports.length ? (
            sc.ports.join(', ')
          ) : (
            <span className="font-sans text-muted-foreground">assigned at apply</span>
          )}
          {w.mos_worker
            ? ` · relay ${w.mos_worker.relay_port} · funnel proxy ${w.mos_worker.funnel_proxy_port}`
            : ''}
        </dd>
        <dt className="text-muted-foreground">Server names</dt>
        <dd className="min-w-0 break-all">
          {names.length || funnelDomains.length ? (
            [...names, ...funnelDomains].join(', ')
          ) : (
            <span className="text-muted-foreground">none: server IP and port</span>
          )}
        </dd>
        <dt className="text-muted-foreground">Environment</dt>
        <dd>
          <EnvKeys env={sc.environment} />
        </dd>
      </dl>
    </li>
  );
}

/** The plan as a person reads it: servers and what runs on each, then the network pieces around them. */
export function PlanStructure({ plan }: { plan: Plan }) {
  const s = plan.new_spec;
  const extras = [
    [s.networks.length, 'network'],
    [s.firewalls.length, 'firewall'],
    [s.load_balancers.length, 'load balancer'],
    [s.dns_records.length, 'DNS record'],
  ] as const;
  return (
    <section className="grid gap-4" aria-label="Plan overview">
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
        <span>
          Provider <span className="font-medium text-foreground">{s.provider}</span>
        </span>
        {s.region ? (
          <span>
            Region <span className="font-medium text-foreground">{s.region}</span>
          </span>
        ) : null}
        {extras.map(([n, what]) => (
          <span key={what}>
            {n} {what}
            {n === 1 ? '' : 's'}
          </span>
        ))}
      </p>
      {s.instances.length === 0 ? (
        <p className="text-sm text-muted-foreground">No servers in this plan yet.</p>
      ) : (
        s.instances.map((inst) => (
          <Card key={inst.name} className="grid gap-3 p-4" data-instance={inst.name}>
            <div className="flex flex-wrap items-center gap-2">
              <ServerIcon className="size-4 text-muted-foreground" aria-hidden />
              <h3 className="font-semibold">{inst.name}</h3>
              <span className="text-sm text-muted-foreground">
                {inst.size} · {inst.region ?? s.region ?? '?'} · {inst.image}
                {inst.network ? ` · network ${inst.network}` : ''}
              </span>
            </div>
            {inst.workloads.length === 0 ? (
              <p className="text-sm text-muted-foreground">No workloads.</p>
            ) : (
              <ul className="grid gap-2" aria-label={`Workloads on ${inst.name}`}>
                {inst.workloads.map((w) => (
                  <Workload key={w.name} w={w} />
                ))}
              </ul>
            )}
          </Card>
        ))
      )}
      {s.dns_records.length > 0 ? (
        <Card className="grid gap-2 p-4">
          <h3 className="flex items-center gap-2 font-semibold">
            <GlobeIcon className="size-4 text-muted-foreground" aria-hidden /> DNS
          </h3>
          <ul className="grid gap-1 font-mono text-xs">
            {s.dns_records.map((r) => (
              <li key={`${r.zone}:${r.name}:${r.type}:${r.target}`}>
                {r.name === '@' ? r.zone : `${r.name}.${r.zone}`} {r.type} → {r.target}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </section>
  );
}
