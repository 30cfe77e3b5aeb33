import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { mapFieldErrors } from '@/lib/errors';
import { LocalAuthError, ROLES, type Role, requestLocalToken } from '@/lib/local-auth';
import { setSession } from '@/lib/session';

const FIELDS = ['email', 'orgId', 'orgName', 'role'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const DEFAULTS: Values = {
  email: 'demo@mos.local',
  orgId: 'org_demo',
  orgName: 'Demo Agency',
  role: 'admin',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The same rules the API applies, checked first so most mistakes need no round trip. */
export function validateSignIn(v: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!v.email.trim()) errors.email = 'Email is required';
  else if (!EMAIL.test(v.email.trim())) errors.email = 'Enter a valid email address';
  if (!v.orgId.trim()) errors.orgId = 'Organization id is required';
  else if (!ORG_ID.test(v.orgId.trim())) errors.orgId = 'Use 1-64 letters, digits, - or _';
  if (v.orgName.trim().length > 200) errors.orgName = 'At most 200 characters';
  if (!(ROLES as readonly string[]).includes(v.role)) errors.role = 'Pick a role';
  return errors;
}

export default function SignInPage() {
  const [values, setValues] = useState<Values>(DEFAULTS);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const set = (field: Field) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found = validateSignIn(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      const email = values.email.trim();
      const orgId = values.orgId.trim();
      const token = await requestLocalToken({
        email,
        orgId,
        orgName: values.orgName.trim() || undefined,
        role: values.role as Role,
      });
      setSession({ token, email, orgId });
    } catch (err) {
      if (err instanceof LocalAuthError) {
        const mapped = mapFieldErrors(err.fieldErrors, FIELDS);
        setErrors(mapped.errors);
        setFormError(err.message);
      } else setFormError('Sign-in failed');
      setPending(false);
    }
  }

  const invalid = (f: Field) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(f) } : {};

  return (
    <div className="flex min-h-screen items-center justify-center bg-background px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 flex items-center justify-center gap-2">
          <div className="flex size-9 items-center justify-center rounded-md bg-primary font-bold text-primary-foreground">
            M
          </div>
          <span className="text-xl font-semibold tracking-tight">MOS</span>
        </div>
        <Card className="shadow-sm">
          <CardHeader>
            <CardTitle className="text-xl">Sign in</CardTitle>
            <CardDescription>
              Local development sign-in. Pick the user, organization and role to act as.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Sign in">
              <FormField id="email" label="Email" error={errors.email}>
                <Input
                  id="email"
                  type="email"
                  autoComplete="email"
                  value={values.email}
                  onChange={set('email')}
                  {...invalid('email')}
                />
              </FormField>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField id="orgId" label="Organization id" error={errors.orgId}>
                  <Input id="orgId" value={values.orgId} onChange={set('orgId')} {...invalid('orgId')} />
                </FormField>
                <FormField id="orgName" label="Organization name" error={errors.orgName}>
                  <Input
                    id="orgName"
                    value={values.orgName}
                    onChange={set('orgName')}
                    {...invalid('orgName')}
                  />
                </FormField>
              </div>
              <FormField
                id="role"
                label="Role"
                error={errors.role}
                hint="Admins manage members and deploys; operators run workflows and approve; members read and draft."
              >
                <NativeSelect id="role" value={values.role} onChange={set('role')} {...invalid('role')}>
                  <option value="admin">Admin</option>
                  <option value="operator">Operator</option>
                  <option value="member">Member</option>
                </NativeSelect>
              </FormField>
              {formError ? (
                <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
                  {formError}
                </p>
              ) : null}
              <Button type="submit" size="lg" disabled={pending} className="mt-2 w-full">
                {pending ? 'Signing in…' : 'Sign in'}
              </Button>
            </form>
          </CardContent>
        </Card>
        <p className="mt-6 text-center text-xs text-muted-foreground">
          Production uses Clerk; this screen appears only when the API runs in local auth mode.
        </p>
      </div>
    </div>
  );
}
