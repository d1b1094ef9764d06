/**
 * Set by `ScriptMarker` when the browser runs JavaScript; tells the server
 * it may stream (a plain module: a `'use client'` file's exports reach
 * server components as references, not values).
 */
export const SCRIPT_COOKIE = 'hems_js';
