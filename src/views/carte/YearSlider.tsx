/**
 * The period: a year slider with play/pause. Playing walks the years once (about one per second,
 * each painted before the next) and replaces the history entry so Back is not flooded.
 */
import { useEffect, useId, useState, type JSX } from 'react';
import { FIRST_YEAR, LAST_YEAR } from '../../catalogue';

export function YearSlider(props: {
  readonly value: number;
  readonly onChange: (year: number, opts?: { replace?: boolean }) => void;
  /** True once the map shows the current year: playing waits for it before moving on. */
  readonly painted: boolean;
  /** Warms the next year's query while the current one is on screen (playing only). */
  readonly onPrefetch?: (year: number) => void;
}): JSX.Element {
  const id = useId();
  const [playing, setPlaying] = useState(false);
  const { value, onChange, painted, onPrefetch } = props;

  useEffect(() => {
    if (!playing || !painted) return undefined;
    if (value < LAST_YEAR) onPrefetch?.(value + 1);
    const t = window.setTimeout(() => {
      if (value >= LAST_YEAR) setPlaying(false);
      else onChange(value + 1, { replace: true });
    }, 900);
    return () => window.clearTimeout(t);
  }, [playing, painted, value, onChange, onPrefetch]);

  return (
    <div className="fr-range-group observatoire-year">
      <label className="fr-label" htmlFor={id}>
        Année : <strong>{value}</strong>
      </label>
      <div className="observatoire-year__row">
        <button
          type="button"
          className={`fr-btn fr-btn--sm fr-btn--secondary ${playing ? 'fr-icon-pause-circle-line' : 'fr-icon-play-circle-line'}`}
          aria-pressed={playing}
          title={playing ? 'Mettre en pause' : 'Faire défiler les années'}
          onClick={() => {
            if (!playing && value >= LAST_YEAR) onChange(FIRST_YEAR, { replace: true });
            setPlaying((p) => !p);
          }}
        >
          {playing ? 'Pause' : 'Lecture'}
        </button>
        <input
          id={id}
          type="range"
          name="periode"
          min={FIRST_YEAR}
          max={LAST_YEAR}
          step={1}
          value={value}
          list={`${id}-ticks`}
          onChange={(e) => {
            setPlaying(false);
            onChange(Number(e.target.value));
          }}
        />
        <datalist id={`${id}-ticks`}>
          {Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => (
            <option key={i} value={FIRST_YEAR + i} label={String(FIRST_YEAR + i)} />
          ))}
        </datalist>
      </div>
      <p className="fr-hint-text">
        {FIRST_YEAR} – {LAST_YEAR}
      </p>
    </div>
  );
}
