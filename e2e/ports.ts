/** Ports of the end-to-end servers; override with E2E_PORT_BASE to run beside a demo. */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

export const e2ePorts = {
  main: { app: base, sandbox: base + 1000 },
  shortTtl: { app: base + 1, sandbox: base + 1001 },
} as const;

export const sandboxUrl = (pair: keyof typeof e2ePorts) => `http://127.0.0.1:${e2ePorts[pair].sandbox}`;
export const appUrl = (pair: keyof typeof e2ePorts) => `http://localhost:${e2ePorts[pair].app}`;
