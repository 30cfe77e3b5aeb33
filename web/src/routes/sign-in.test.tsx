import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getSession } from '@/lib/session';
import { json, stubFetch } from '@/test/http';
import SignInPage from './sign-in';

describe('local sign-in', () => {
  it('posts the chosen user, org and role and stores the token', async () => {
    const { calls } = stubFetch(() => json({ token: 'tok_123' }));
    const user = userEvent.setup();
    render(<SignInPage />);

    await user.selectOptions(screen.getByLabelText('Role'), 'operator');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(getSession()?.token).toBe('tok_123'));
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.url.href).toBe('http://127.0.0.1:8787/auth/local/token');
    expect(call?.method).toBe('POST');
    expect(call?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call?.body ?? 'null')).toEqual({
      email: 'demo@mos.local',
      orgId: 'org_demo',
      orgName: 'Demo Agency',
      role: 'operator',
    });
    expect(getSession()).toEqual({ token: 'tok_123', email: 'demo@mos.local', orgId: 'org_demo' });
  });

  it('refuses an invalid email and org id without calling the API', async () => {
    const { calls } = stubFetch(() => json({ token: 'never' }));
    const user = userEvent.setup();
    render(<SignInPage />);

    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.clear(screen.getByLabelText('Organization id'));
    await user.type(screen.getByLabelText('Organization id'), 'has spaces');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter a valid email address')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Use 1-64 letters, digits, - or _')).toBeInstanceOf(HTMLElement);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toHaveLength(0);
    expect(getSession()).toBeNull();
  });

  it('shows the server message and its field errors when the API refuses', async () => {
    stubFetch(() =>
      json(
        {
          error: {
            code: 'BAD_REQUEST',
            message: 'invalid fields: orgName',
            fieldErrors: [
              { path: ['orgName'], message: 'Too big: expected string to have <=200 characters' },
            ],
          },
        },
        400,
      ),
    );
    const user = userEvent.setup();
    render(<SignInPage />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('invalid fields: orgName')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Too big: expected string to have <=200 characters')).toBeInstanceOf(HTMLElement);
    expect(getSession()).toBeNull();
  });
});
