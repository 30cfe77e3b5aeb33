import { DeployProjectSettings } from '@mos/db/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { ProjectSettingsPanel } from './settings-panel';

const STORED = DeployProjectSettings.parse({ gitTokenSecret: 'GIT_TOKEN', certbotEmail: 'ops@acme.test' });

function setup(onSave = vi.fn(async () => undefined)) {
  const onOpenSecrets = vi.fn();
  const user = userEvent.setup();
  render(
    <ProjectSettingsPanel
      description="Client apps"
      settings={STORED}
      secretNames={['HCLOUD_TOKEN', 'GIT_TOKEN', 'HCLOUD_TOKEN_EU']}
      onSave={onSave}
      onOpenSecrets={onOpenSecrets}
    />,
  );
  return { user, onSave, onOpenSecrets };
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const errorOf = (el: HTMLElement) => {
  const id = el.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : null;
};

describe('ProjectSettingsPanel', () => {
  it('refuses a bad e-mail at its field and sends nothing', async () => {
    const { user, onSave } = setup();
    const email = input('Certbot e-mail');
    await user.clear(email);
    await user.type(email, 'ops@');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(email)).toBe('Must be an e-mail address');
    expect(onSave).not.toHaveBeenCalled();
    // A bad secret name too, at its own field.
    const hcloud = input('Hetzner token secret');
    await user.clear(hcloud);
    await user.type(hcloud, '9lives');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(errorOf(hcloud)).toMatch(/^Upper-case letters, digits and _/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends exactly the changed settings', async () => {
    const { user, onSave } = setup();
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
    const hcloud = input('Hetzner token secret');
    await user.clear(hcloud);
    await user.type(hcloud, 'hcloud_token_eu');
    expect(hcloud.value).toBe('HCLOUD_TOKEN_EU');
    await user.clear(input('Git token secret'));
    await user.click(screen.getByRole('radio', { name: /Combined/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({
      settings: { hcloudTokenSecret: 'HCLOUD_TOKEN_EU', gitTokenSecret: null, nginxMode: 'combined' },
    });
  });

  it('shows a field error from the server at that field, keeping the edits', async () => {
    const err = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'settings.hcloudTokenSecret: upper-case letters, digits and _',
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          fieldErrors: [{ path: ['settings', 'hcloudTokenSecret'], message: 'is reserved for the platform' }],
        },
      },
    });
    const { user, onSave } = setup(vi.fn(async () => Promise.reject(err)));
    const hcloud = input('Hetzner token secret');
    await user.clear(hcloud);
    await user.type(hcloud, 'MOS_INTERNAL');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledWith({ settings: { hcloudTokenSecret: 'MOS_INTERNAL' } });
    expect(await screen.findByText('Is reserved for the platform')).toBeInstanceOf(HTMLElement);
    expect(errorOf(hcloud)).toBe('Is reserved for the platform');
    expect(hcloud.value).toBe('MOS_INTERNAL');
    // Not claimed by any other field, and no form-wide message for a field error.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('says when a chosen name is not set yet and leads to Secrets', async () => {
    const { user, onOpenSecrets } = setup();
    const ssh = input('SSH key secret');
    expect(screen.getByText(/a key is generated on the first apply/)).toBeInstanceOf(HTMLElement);
    await user.type(ssh, 'DEPLOY_KEY');
    expect(document.querySelector('[data-secret-state="missing"]')?.textContent).toContain('Not set yet');
    await user.click(screen.getByRole('button', { name: 'Set DEPLOY_KEY under Secrets' }));
    expect(onOpenSecrets).toHaveBeenCalledTimes(1);
    expect(input('Git token secret').closest('div')?.parentElement?.textContent).toContain(
      'Set in this organization’s secrets',
    );
  });
});
