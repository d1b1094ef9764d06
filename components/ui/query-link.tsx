'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';

/**
 * A link that changes some query parameters of the current page. `href` is
 * the server's version, used without JavaScript; with it, the parameters are
 * applied to the URL as it is now, so that state a client leaf wrote into
 * the URL in place (e.g. the cheapest-window duration) is kept.
 */
export function QueryLink({
  href,
  set,
  children,
  ...props
}: Omit<React.ComponentProps<typeof Link>, 'href'> & {
  href: string;
  set: Record<string, string | null>;
}) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      onClick={(event) => {
        if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        const params = new URLSearchParams(window.location.search);
        for (const [name, value] of Object.entries(set)) {
          if (value === null) params.delete(name);
          else params.set(name, value);
        }
        const query = params.toString();
        router.push(`${window.location.pathname}${query ? `?${query}` : ''}`, { scroll: props.scroll !== false });
      }}
    >
      {children}
    </Link>
  );
}
