import type { ReactNode } from 'react';

/**
 * A table of records: a caption for screen readers, a header row of
 * column names (a column of buttons names itself for them only), the rows
 * as children; it scrolls sideways on a narrow screen instead of squeezing.
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: Array<string | { hidden: string }>;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th scope="col" key={column}>
                  {column}
                </th>
              ) : (
                <th scope="col" key={column.hidden}>
                  <span className="visually-hidden">{column.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
