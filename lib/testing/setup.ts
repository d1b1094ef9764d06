import { vi } from 'vitest';

// Components are rendered outside Next.js in unit tests; the client leaves
// that navigate only need a router to exist.
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: () => undefined, refresh: () => undefined, replace: () => undefined }),
}));
