'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A `<details>` whose content is built only once it is opened: a long
 * table collapsed by default then costs the page no elements until someone
 * wants it. `contentInHtml` renders the content at once, for a browser
 * without JavaScript, where nothing could build it later.
 */
export function LazyDetails({
  summary,
  contentInHtml,
  className,
  summaryClassName,
  children,
}: {
  summary: React.ReactNode;
  contentInHtml: boolean;
  className?: string;
  summaryClassName?: string;
  /** Called only when the content is shown. */
  children: () => React.ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  // Opened before this script ran: build the content now.
  useEffect(() => {
    if (details.current?.open) setOpened(true);
  }, []);
  return (
    <details
      ref={details}
      className={className}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {opened || contentInHtml ? children() : null}
    </details>
  );
}
