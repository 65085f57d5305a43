import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';

const served = servedTestApi({ development: true });

describe('GraphiQL (development)', () => {
  it("is served from the server's own assets: nothing from unpkg.com, GitHub or any other host", async () => {
    const response = await fetch(served.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<div id="root"></div>');
    // Every script, stylesheet and icon the page's markup loads is inline or a data: URL.
    const markup = page
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>')
      .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '<style></style>');
    const loads = [...markup.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(loads.filter((address) => !address.startsWith('data:'))).toEqual([]);
    expect(page).not.toContain('unpkg.com');
    expect(page).not.toContain('githubusercontent.com');
  });
});
