'use strict';
// Prints Atlassian Connect qsh test vectors computed by the reference library atlassian-jwt.
// Usage: node generate.js > ../../App.Tests/Connect/TestData/qsh-vectors.json
const jwt = require('atlassian-jwt');

// url: path + raw query exactly as it appears on the wire (already percent-encoded).
// baseUrl (optional): outbound request; url is absolute and its path is taken relative to baseUrl's path.
const cases = [
  // Paths
  { name: 'root path no query', method: 'GET', url: '/' },
  { name: 'root path empty query', method: 'GET', url: '/?' },
  { name: 'no query', method: 'GET', url: '/rest/api/content' },
  { name: 'trailing slash dropped', method: 'GET', url: '/macro/render/' },
  { name: 'only one trailing slash dropped', method: 'GET', url: '/a//' },
  { name: 'trailing slash with query', method: 'GET', url: '/macro/?a=1' },
  { name: 'ampersand in path encoded', method: 'GET', url: '/a%26b/c?x=1' },
  { name: 'literal ampersand in path', method: 'GET', url: '/a&b?x=1' },
  { name: 'path escapes kept verbatim (not decoded, case kept)', method: 'GET', url: '/x/%7e/%c3%bc/a%2Fb/%41?y=1' },
  { name: 'path with unreserved and sub-delims', method: 'GET', url: "/a;b,c=d:e$!*()~+'-._?z=1" },
  { name: 'at-sign in path triggers url.parse auto-escape', method: 'GET', url: "/u@x/it's^{a}|b`?z=1" },
  { name: 'double slash path is a simple path', method: 'GET', url: "//a'b?z=1" },
  { name: 'triple slash path triggers url.parse auto-escape', method: 'GET', url: "///a'b?z=1" },
  { name: 'backslash in path becomes slash', method: 'GET', url: '/a\\b?c=\\' },
  { name: 'non-ascii path encoded', method: 'GET', url: '/p/%E2%82%AC/%F0%9F%98%80' },
  // Methods
  { name: 'lower case method upper cased', method: 'get', url: '/m?a=1' },
  { name: 'POST', method: 'POST', url: '/installed' },
  { name: 'PUT with query', method: 'PUT', url: '/rest/api/content/1?expand=body.storage&status=current' },
  { name: 'DELETE', method: 'delete', url: '/rest/api/content/1?status=trashed' },
  // Documented example
  { name: 'documented example', method: 'GET', url: '/path/to/service?zee_last=param&repeated=parameter+2&first=param&repeated=parameter%201' },
  // Repeated parameters
  { name: 'repeated values sorted', method: 'GET', url: '/r?b=3&a=z&a=y&a=x' },
  { name: 'repeated identical values', method: 'GET', url: '/r?a=1&a=1' },
  { name: 'repeated values sorted by decoded value', method: 'GET', url: '/r?v=%C3%A9&v=~&v=a&v=%F0%9F%98%80&v=%EF%BF%BD&v=Z&v=_' },
  { name: 'repeated with empty value', method: 'GET', url: '/r?b=c&b&b=' },
  { name: 'comma inside repeated values', method: 'GET', url: '/r?a=x%2Cy&a=z&a=%2c' },
  { name: 'comma value single', method: 'GET', url: '/r?list=a%2Cb%2Cc' },
  { name: 'raw comma value', method: 'GET', url: '/r?list=a,b' },
  // Spaces and plus
  { name: 'space as %20', method: 'GET', url: '/s?q=hello%20world' },
  { name: 'space as plus', method: 'GET', url: '/s?q=hello+world' },
  { name: 'literal plus as %2B', method: 'GET', url: '/s?q=1%2B1&r=a+%2B+b' },
  { name: 'plus and space in name', method: 'GET', url: '/s?my+key=1&my%20other=2' },
  // Special characters
  { name: 'star encoded', method: 'GET', url: '/c?q=a*b&r=%2A' },
  { name: 'tilde kept', method: 'GET', url: '/c?q=~user&r=%7E&%7e=1' },
  { name: 'reserved chars raw in value', method: 'GET', url: "/c?v=:/?@!$'()*;,=" },
  { name: 'reserved chars encoded in value', method: 'GET', url: '/c?v=%3A%2F%3F%40%21%24%27%28%29%2A%3B%2C%3D' },
  { name: 'encoded ampersand and equals in value', method: 'GET', url: '/c?a=x%26y%3Dz&b=1=2' },
  { name: 'unreserved escapes normalised', method: 'GET', url: '/c?x=%41%62%2d%2e%5f%30' },
  { name: 'lower case hex escapes upper cased', method: 'GET', url: '/c?x=%c3%bc%2c' },
  // Non-ASCII
  { name: 'umlaut', method: 'GET', url: '/n?name=M%C3%BCller' },
  { name: 'cjk', method: 'GET', url: '/n?title=%E5%9B%B3' },
  { name: 'emoji', method: 'GET', url: '/n?e=%F0%9F%98%80' },
  { name: 'non-ascii names', method: 'GET', url: '/n?%C3%BC=1&%E5%9B%B3=2&%F0%9F%98%80=3&z=4' },
  // Empty values and degenerate pairs
  { name: 'empty value with equals', method: 'GET', url: '/e?a=&b=1' },
  { name: 'bare name', method: 'GET', url: '/e?a&b=1' },
  { name: 'empty segments skipped', method: 'GET', url: '/e?&&a=1&&' },
  { name: 'empty name kept', method: 'GET', url: '/e?=&=x&a=1' },
  { name: 'lone question mark in query', method: 'GET', url: '/e?a=?&?=b' },
  // jwt / __proto__ dropped
  { name: 'jwt dropped', method: 'GET', url: '/j?xdm_e=https%3A%2F%2Fx.atlassian.net&jwt=eyJ.abc.def&cp=%2Fwiki' },
  { name: 'repeated jwt dropped', method: 'GET', url: '/j?jwt=1&a=b&jwt=2' },
  { name: 'encoded jwt name dropped', method: 'GET', url: '/j?%6Awt=1&a=b' },
  { name: 'upper case JWT kept', method: 'GET', url: '/j?JWT=1&a=b' },
  { name: 'only jwt', method: 'GET', url: '/j?jwt=x' },
  { name: '__proto__ dropped', method: 'GET', url: '/j?__proto__=1&constructor=2&toString=3' },
  // Ordering
  { name: 'upper case names sort before lower case', method: 'GET', url: '/o?b=1&B=2&a=3&A=4&_=5&0=6' },
  { name: 'names sorted by decoded not encoded value', method: 'GET', url: '/o?%C3%A9=1&~=2&_=3&z=4&%20=5&-=6' },
  { name: 'prefix names', method: 'GET', url: '/o?ab=1&a=2&a.b=3&a-b=4' },
  { name: 'typical connect iframe', method: 'GET', url: '/macro?xdm_e=https%3A%2F%2Fexample.atlassian.net&xdm_c=channel-1&cp=%2Fwiki&xdm_deprecated_addon_key_do_not_use=diagrams&lic=none&cv=1.0&macroId=a1b2&pageId=123&spaceKey=DS&jwt=x.y.z' },
  // Malformed escapes (Node querystring falls back to a lenient byte decode + U+FFFD replacement)
  { name: 'malformed escape kept literally', method: 'GET', url: '/m?%zz=1&b=%zz&c=%&d=%4&e=100%' },
  { name: 'malformed escape next to valid escape', method: 'GET', url: '/m?x=%C3%BC%zz&y=%41%G1' },
  { name: 'invalid utf8 replaced', method: 'GET', url: '/m?a=%C3&b=%FF&c=%C0%80&d=%ED%A0%80&e=%E2%82&f=%F0%9F%98&g=%C3%28' },
  { name: 'plus next to escape', method: 'GET', url: '/m?a=%4+1&b=%+41' },
  { name: 'raw non-ascii (not wire-valid) decoded leniently', method: 'GET', url: '/m?x=\u00fc&y=\u00fc%41&z=\u00fc%zz&w=\u00fc%41%zz&v=\u00fc%C3' },
  // Request targets as received: the path is never decoded or dot-normalised (url.parse keeps it), and an absolute-form
  // target ("GET http://host/p HTTP/1.1") keeps the part after the authority.
  { name: 'dot segments kept verbatim', method: 'GET', url: '/a/./b/../c?x=1' },
  { name: 'dot-dot above the root kept', method: 'GET', url: '/../x' },
  { name: 'trailing dot-dot kept', method: 'GET', url: '/a/b/..' },
  { name: 'encoded dot segments kept', method: 'GET', url: '/a/%2e%2e/b/%2E/c' },
  { name: 'escaped unreserved letter in path not decoded', method: 'GET', url: '/confluence/macro/%76iew?pageId=1' },
  { name: 'double slash host-like path is not a host', method: 'GET', url: '//evil.example/confluence/macro/view?y=1' },
  { name: 'absolute-form target keeps path after authority', method: 'GET', url: 'http://127.0.0.1:5000/a/../%76/./b?x=1' },
  { name: 'absolute-form target without path', method: 'POST', url: 'http://127.0.0.1:5000?x=1' },
  { name: 'absolute-form target with upper-case scheme', method: 'GET', url: 'HTTPS://Host.Example/p/Q/' },
  { name: 'absolute-form target auto-escapes quote', method: 'GET', url: "http://h.example/a'b/..?q=1" },
  // Outbound (path relative to tenant base URL)
  { name: 'outbound confluence wiki base', method: 'GET', url: 'https://x.atlassian.net/wiki/rest/api/user?accountId=1', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound base with trailing slash', method: 'POST', url: 'https://x.atlassian.net/wiki/rest/api/content?expand=a,b', baseUrl: 'https://x.atlassian.net/wiki/' },
  { name: 'outbound jira root base', method: 'GET', url: 'https://y.atlassian.net/rest/api/3/issue/DS-1?fields=summary&expand=names', baseUrl: 'https://y.atlassian.net' },
  { name: 'outbound base itself', method: 'GET', url: 'https://x.atlassian.net/wiki', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound base with trailing slash itself', method: 'GET', url: 'https://x.atlassian.net/wiki/', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound path outside base kept', method: 'GET', url: 'https://x.atlassian.net/rest/api/user', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound string-prefix quirk', method: 'GET', url: 'https://x.atlassian.net/wikipedia/a?x=1', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound encoded query', method: 'PUT', url: 'https://x.atlassian.net/wiki/rest/api/content/1/property/k?cql=type%3Dpage%20and%20title~%22M%C3%BCller%22&limit=25&limit=10', baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound quote in path auto-escaped', method: 'GET', url: "https://x.atlassian.net/wiki/a'b?q=1", baseUrl: 'https://x.atlassian.net/wiki' },
  { name: 'outbound jwt dropped', method: 'GET', url: 'https://x.atlassian.net/wiki/rest/api/space?jwt=abc&limit=1', baseUrl: 'https://x.atlassian.net/wiki' },
];

const vectors = cases.map(c => {
  const req = jwt.fromMethodAndUrl(c.method, c.url);
  const v = {
    name: c.name,
    method: c.method,
    url: c.url,
    canonical: jwt.createCanonicalRequest(req, false, c.baseUrl),
    qsh: jwt.createQueryStringHash(req, false, c.baseUrl),
  };
  if (c.baseUrl !== undefined) v.baseUrl = c.baseUrl;
  return v;
});

const names = new Set();
for (const v of vectors) {
  if (names.has(v.name)) throw new Error('duplicate vector name: ' + v.name);
  names.add(v.name);
}

process.stdout.write(JSON.stringify(vectors, null, 2) + '\n');
