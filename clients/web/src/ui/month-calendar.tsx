import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { t } from '../i18n';
import { addDays, addMonths, firstOfMonth, isoWeekday, lastOfMonth, monthOf, type Clock } from '../i18n/clock';

export interface MonthCalendarProps {
  clock: Clock;
  /** "YYYY-MM" shown. */
  month: string;
  /** Free times per date ("YYYY-MM-DD"); a date not in it has none. */
  free: ReadonlyMap<string, number>;
  selected: string | null;
  onSelect(date: string): void;
  onMonthChange(month: string): void;
  /** No earlier month can be chosen (today's). */
  minMonth: string;
  busy?: boolean;
}

/**
 * A month as a grid of days (WAI-ARIA grid pattern): one day is in the tab
 * order; the arrow keys move by day and week, Home/End to the week's ends,
 * Page Up/Down by month; Enter or Space chooses. Days with free times carry
 * the count as text, not only a colour.
 */
export function MonthCalendar({
  clock,
  month,
  free,
  selected,
  onSelect,
  onMonthChange,
  minMonth,
  busy,
}: MonthCalendarProps) {
  const today = clock.today();
  const initialFocus = () =>
    selected && monthOf(selected) === month
      ? selected
      : ([...free.keys()].filter((d) => monthOf(d) === month).sort()[0] ??
        (monthOf(today) === month ? today : firstOfMonth(month)));
  const [focused, setFocused] = useState(initialFocus);
  const grid = useRef<HTMLTableElement>(null);
  const wantsFocus = useRef(false);

  useEffect(() => {
    if (monthOf(focused) !== month) setFocused(initialFocus());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [month, free]);
  useEffect(() => {
    if (!wantsFocus.current) return;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused, month]);

  const weekdays = clock.weekdays();
  const first = firstOfMonth(month);
  const lead = (isoWeekday(first) - clock.weekStart + 7) % 7;
  const days = Array.from({ length: lead }, (): string | null => null);
  for (let d = first; d <= lastOfMonth(month); d = addDays(d, 1)) days.push(d);
  while (days.length % 7) days.push(null);
  const weeks = Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));

  const moveTo = (date: string) => {
    if (monthOf(date) < minMonth) return;
    wantsFocus.current = true;
    setFocused(date);
    if (monthOf(date) !== month) onMonthChange(monthOf(date));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const offset = (isoWeekday(focused) - clock.weekStart + 7) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      Home: () => addDays(focused, -offset),
      End: () => addDays(focused, 6 - offset),
      PageUp: () => addMonthsKeepingDay(focused, -1),
      PageDown: () => addMonthsKeepingDay(focused, 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  };

  const title = clock.month(month);
  return (
    <div className="calendar" aria-busy={busy || undefined}>
      <div className="calendar-head">
        <button
          type="button"
          className="icon-button"
          onClick={() => onMonthChange(addMonths(month, -1))}
          disabled={month <= minMonth}
          aria-label={t.booking.previousMonth}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id={`calendar-${month}`} aria-live="polite">
          {title}
        </h3>
        <button
          type="button"
          className="icon-button"
          onClick={() => onMonthChange(addMonths(month, 1))}
          aria-label={t.booking.nextMonth}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table
        role="grid"
        aria-labelledby={`calendar-${month}`}
        ref={grid}
        onKeyDown={onKeyDown}
        onFocus={() => (wantsFocus.current = true)}
      >
        <thead>
          <tr>
            {weekdays.map((day) => (
              <th key={day.long} scope="col" abbr={day.long}>
                {day.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} role="gridcell" />;
                const count = free.get(date) ?? 0;
                const past = date < today;
                return (
                  <td key={date} role="gridcell" aria-selected={date === selected}>
                    <button
                      type="button"
                      data-date={date}
                      tabIndex={date === focused ? 0 : -1}
                      className={`day${count > 0 ? ' day-free' : ''}${date === selected ? ' day-selected' : ''}${date === today ? ' day-today' : ''}`}
                      aria-disabled={count === 0 || past}
                      aria-label={t.booking.dayLabel(clock.longDate(date), past ? 0 : count)}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => {
                        setFocused(date);
                        if (count > 0 && !past) onSelect(date);
                      }}
                    >
                      <span className="day-number">{Number(date.slice(8))}</span>
                      {count > 0 && !past ? <span className="day-free-count">{t.booking.freeCount(count)}</span> : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function addMonthsKeepingDay(date: string, months: number): string {
  const month = addMonths(monthOf(date), months);
  const day = Math.min(Number(date.slice(8)), Number(lastOfMonth(month).slice(8)));
  return `${month}-${String(day).padStart(2, '0')}`;
}
