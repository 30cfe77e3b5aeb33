import { clientMarketCodes, defaultMarketCurrency } from '@mos/db/contracts';
import { countryName } from '@/lib/labels';

export interface MarketPickerProps {
  id: string;
  /** The client's primary markets as it lists them ("USA", "DE"…); the picker offers their ISO codes. */
  clientMarkets: readonly string[];
  value: readonly string[];
  onValueChange: (markets: string[]) => void;
  invalid?: boolean;
  describedBy?: string;
}

/** The markets a campaign runs in, chosen among its client's, in the client's order. */
export function MarketPicker({
  id,
  clientMarkets,
  value,
  onValueChange,
  invalid,
  describedBy,
}: MarketPickerProps) {
  const codes = clientMarketCodes(clientMarkets);
  if (codes.length === 0)
    return (
      <p id={id} className="text-sm text-muted-foreground">
        The client lists no markets: the campaign runs in its first market once it has one.
      </p>
    );
  return (
    <fieldset
      id={id}
      aria-label="Markets"
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className="flex flex-wrap gap-2"
    >
      {codes.map((code) => (
        <label key={code} className="flex items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm">
          <input
            type="checkbox"
            aria-label={`${countryName(code)} (${code})`}
            checked={value.includes(code)}
            onChange={(e) =>
              onValueChange(
                e.target.checked
                  ? codes.filter((c) => c === code || value.includes(c))
                  : value.filter((c) => c !== code),
              )
            }
          />
          <span>{countryName(code)}</span>
          <span className="text-xs text-muted-foreground">
            {[code, defaultMarketCurrency([code])].filter(Boolean).join(' · ')}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
