const CHOICES = [10, 15, 20, 30, 45, 60];

/** The length of each slot opened from a window of hours. */
export function SlotMinutesSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number;
  onChange: (minutes: number) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {CHOICES.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </select>
  );
}
