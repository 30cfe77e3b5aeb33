/** @jsxRuntime automatic @jsxImportSource react */
import { DEFAULT_CONSENT_LINE, hrefFor, useRenderContext } from '../context';
import type { BlockPropsOf } from '../schema';
import { BUTTON_PRIMARY, H2, SECTION } from './styles';

const AUTOCOMPLETE: Record<string, string> = {
  email: 'email',
  name: 'name',
  full_name: 'name',
  first_name: 'given-name',
  last_name: 'family-name',
  phone: 'tel',
  company: 'organization',
};

const INPUT =
  'mt-1 block w-full rounded-[var(--mos-radius)] border border-neutral-300 bg-white px-3 py-2 text-base text-neutral-900';

/**
 * A lead form that works without JavaScript: a plain POST to the page-relative `api/leads` with the publication,
 * page, variant and block ids as hidden inputs (the server adds submission and visitor ids and redirects to the
 * success page). The page script submits the same form as JSON and follows the `redirectTo` it gets back.
 */
export function LeadForm(props: BlockPropsOf<'LeadForm'>) {
  const ctx = useRenderContext();
  const success = hrefFor(props.successTarget ?? { kind: 'next' }, ctx);
  const consentText =
    props.consentText || (ctx.consent === 'line' || props.consentRequired ? DEFAULT_CONSENT_LINE : '');
  return (
    <section data-block-id={props.id} data-block-type="LeadForm" className={SECTION}>
      <div className="mx-auto max-w-xl rounded-[var(--mos-radius)] border border-neutral-200 bg-white p-6 text-neutral-900 shadow-sm md:p-8">
        {props.heading ? <h2 className={`${H2} text-center`}>{props.heading}</h2> : null}
        <form
          method="post"
          action="api/leads"
          data-mos-form={props.id}
          data-success={success}
          data-consent={consentText ? (props.consentRequired ? 'checkbox' : 'line') : undefined}
          className="space-y-4"
        >
          <input type="hidden" name="publicationId" value={ctx.publicationId ?? ''} />
          <input type="hidden" name="pageId" value={ctx.pageId ?? ''} />
          <input type="hidden" name="variantId" value={ctx.variantId ?? ''} />
          <input type="hidden" name="blockId" value={props.id} />
          {props.fields.map((field) => {
            const inputId = `${props.id}-${field.name}`;
            return (
              <div key={field.name}>
                <label htmlFor={inputId} className="block text-sm font-medium">
                  {field.label}
                  {field.required ? <span className="text-[var(--mos-primary)]"> *</span> : null}
                </label>
                {field.type === 'textarea' ? (
                  <textarea
                    id={inputId}
                    name={field.name}
                    required={field.required}
                    rows={4}
                    className={INPUT}
                  />
                ) : (
                  <input
                    id={inputId}
                    name={field.name}
                    type={field.type}
                    required={field.required}
                    autoComplete={AUTOCOMPLETE[field.name] ?? (field.type === 'email' ? 'email' : undefined)}
                    className={INPUT}
                  />
                )}
              </div>
            );
          })}
          {consentText && props.consentRequired ? (
            <label className="flex items-start gap-2 text-sm text-neutral-600">
              <input
                type="checkbox"
                name="consent"
                value="granted"
                required
                className="mt-1 h-4 w-4 shrink-0"
              />
              <span>{consentText}</span>
            </label>
          ) : null}
          <button type="submit" className={`${BUTTON_PRIMARY} w-full cursor-pointer border-0`}>
            {props.submitLabel}
          </button>
          {consentText && !props.consentRequired ? (
            <p className="text-xs text-neutral-500">{consentText}</p>
          ) : null}
        </form>
      </div>
    </section>
  );
}
