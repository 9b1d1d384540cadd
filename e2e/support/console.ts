/**
 * Drives the try-it console the way a reader does: through its visible controls only.
 */
import { expect, type Locator, type Page, type Response } from '@playwright/test';

import { sandboxOrigin } from '../../mock-server/hosts/sandbox-origin';

export class TryIt {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('try-it');
  }

  /** The one-click credential button ("Get a token with …" or "Use a suitable OAuth client"). */
  async getSuitableCredential(): Promise<void> {
    await this.root.getByRole('button', { name: /^(Get a token with|Use a suitable OAuth client)/ }).click();
    await expect(this.root.getByTestId('credential-status')).toContainText('Using ');
  }

  async useSeeded(label: RegExp): Promise<void> {
    await this.root.getByRole('button', { name: 'Seeded credentials' }).click();
    const item = this.root.getByRole('list', { name: 'Seeded credentials' }).getByRole('listitem').filter({ hasText: label });
    await item.getByRole('button', { name: 'Use' }).click();
  }

  /** Sends the request and returns the HTTP response the page received for it from `origin`. */
  async send(origin: string = sandboxOrigin): Promise<Response> {
    const method = (await this.root.getByRole('button', { name: /^Send \w+ request$/ }).textContent())?.split(' ')[1];
    const answered = this.page.waitForResponse(
      (response) => response.request().method() === method && response.url().startsWith(`${origin}/`),
    );
    await this.root.getByRole('button', { name: /^Send \w+ request$/ }).click();
    const response = await answered;
    // A browser never lets a page read a redirect, so the console can only say it was one.
    const shown = response.status() >= 300 && response.status() < 400 ? 'Redirect' : String(response.status());
    await expect(this.root.getByTestId('response-status')).toContainText(shown);
    return response;
  }

  status(): Locator {
    return this.root.getByTestId('response-status');
  }

  /** The rendered body, as text (the code block renders one element per line). */
  async body(): Promise<string> {
    const lines = await this.root.getByTestId('response-body').locator('code .token-line').allTextContents();
    return lines.join('\n').trim();
  }

  field(label: string | RegExp): Locator {
    return this.root.getByLabel(label);
  }
}

/** What the console renders for a body: JSON pretty-printed with two spaces, anything else as is. */
export function renderedBody(text: string, contentType: string): string {
  if (contentType.includes('json')) return JSON.stringify(JSON.parse(text), null, 2);
  return text.trim();
}
