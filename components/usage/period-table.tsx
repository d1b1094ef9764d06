/**
 * A week or month as the table shows it, every word and figure formatted on
 * the server (`periodTable` in ./period-summary): drawn the same by the
 * server and, for a table built when it is opened, by the browser.
 */
export type PeriodTableData = {
  /** The period's id, for tests: its first day. */
  from: string;
  title: string;
  range: string;
  headers: [day: string, energy: string, money: string, paidAverage: string];
  /** Per day: its name and either its three figures (energy, money, average price paid) or the "no readings" text. */
  rows: [day: string, figures: [energy: string, money: string, paidAverage: string] | string][];
  /** The words after a partial day's energy, "(partial)", and which rows get them. */
  partial: { text: string; rows: number[] };
  totals: [label: string, energy: string, money: string, paidAverage: string];
};

/** The period's table: one row per day, the totals in its footer. */
export function PeriodTable({ data }: { data: PeriodTableData }) {
  const partial = new Set(data.partial.rows);
  return (
    <div className="overflow-x-auto" data-testid={`period-${data.from}`}>
      <table className="figures min-w-[26rem]">
        <caption className="py-2 text-left">
          <span className="font-semibold">{data.title}</span>{' '}
          <span className="text-slate-600 dark:text-slate-400">{data.range}</span>
        </caption>
        <thead>
          <tr>
            {data.headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map(([day, figures], index) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {typeof figures === 'string' ? (
                <td colSpan={3} className="text-slate-500 italic dark:text-slate-400">
                  {figures}
                </td>
              ) : (
                <>
                  <td>
                    {figures[0]}
                    {partial.has(index) ? <span className="text-slate-500"> {data.partial.text}</span> : null}
                  </td>
                  <td>{figures[1]}</td>
                  <td>{figures[2]}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            {data.totals.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={index}>{cell}</td>
              ),
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
