import type { AnswerText, Rich } from './window-text';

/** A sentence's parts, its odd ones bold (see `Rich`). */
function RichText({ parts }: { parts: Rich }) {
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <strong key={index} className="tabular-nums">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}

/**
 * The answer block of the cheapest-window form, from the text the server
 * wrote (`answerText`): the same markup on the server and in the browser,
 * with nothing left to translate or format.
 */
export function CheapestWindowAnswer({ text }: { text: AnswerText }) {
  if (text.kind === 'message') {
    return (
      <p>
        <RichText parts={text.text} />
      </p>
    );
  }
  return (
    <div
      className="space-y-3"
      data-testid="cheapest-window"
      data-start={text.start}
      data-end={text.end}
      data-average={text.average}
    >
      <p>
        <span className="block text-sm text-slate-600 dark:text-slate-400">{text.lead}</span>
        <span className="text-2xl font-bold tabular-nums">{text.range}</span>
        {text.startNow ? (
          <span className="ml-2 font-semibold text-emerald-700 dark:text-emerald-300">{text.startNow}</span>
        ) : null}
      </p>
      <p>
        <RichText parts={text.averageText} />
        {text.rounded ? <span className="text-sm text-slate-600 dark:text-slate-400"> {text.rounded}</span> : null}
      </p>
      <ul className="space-y-1 text-sm">
        {text.comparisons.map((parts, index) => (
          <li key={index}>
            <RichText parts={parts} />
          </li>
        ))}
      </ul>
    </div>
  );
}
