/**
 * Credentials written in a source URL never reach git's command line, its config files or its messages: the URL git
 * is given has no userinfo, and an HTTP(S) password or token travels as an `Authorization` header scoped to that URL
 * (through `GIT_CONFIG_*`, like the private-repository token). A crash half-way through a clone can therefore leave
 * nothing secret in the module cache, and git cannot quote a piece of a password back in an error.
 */
import { basicCredentials, userinfoOf, withoutUserinfo } from '../../secrets.js';

export interface UrlForGit {
  /** What git is given: the URL without a password (an ssh user name such as `git@` stays; ssh needs it). */
  readonly url: string;
  /** `Basic <base64 user:password>` for http(s) URLs that carried userinfo; null otherwise. */
  readonly authorization: string | null;
}

export function urlForGit(url: string): UrlForGit {
  const userinfo = userinfoOf(url);
  if (userinfo === null) return { url, authorization: null };
  const schemeEnd = url.indexOf('://') + 3;
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  const afterUserinfo = url.slice(schemeEnd + userinfo.length + 1);
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  if (scheme === 'ssh://' && /^[A-Za-z0-9._-]+$/.test(user))
    return { url: `${url.slice(0, schemeEnd)}${user}@${afterUserinfo}`, authorization: null };
  const bare = withoutUserinfo(url);
  if (scheme !== 'http://' && scheme !== 'https://') return { url: bare, authorization: null };
  return { url: bare, authorization: `Basic ${basicCredentials(userinfo)}` };
}
