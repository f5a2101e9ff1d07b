import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is not public, or 'public'. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'cgnat'
  | 'reserved'
  | 'invalid';

// [class, CIDR] per range; IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched against the IPv4 rules
// by BlockList itself, other IPv4-in-IPv6 forms are unwrapped below.
const V4: Array<[AddressClass, string, number]> = [
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['cgnat', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['private', '192.168.0.0', 16],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
];
const V6: Array<[AddressClass, string, number]> = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['reserved', '100::', 64],
  ['reserved', '2001:db8::', 32],
  ['unique-local', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['private', 'fec0::', 10],
  ['multicast', 'ff00::', 8],
];

const lists = new Map<AddressClass, BlockList>();
const add = (ranges: typeof V4, family: 'ipv4' | 'ipv6') => {
  for (const [cls, net, prefix] of ranges) {
    const list = lists.get(cls) ?? new BlockList();
    list.addSubnet(net, prefix, family);
    lists.set(cls, list);
  }
};
add(V4, 'ipv4');
add(V6, 'ipv6');

/** The 16 bytes of an IPv6 address (caller checked isIPv6). */
function v6Bytes(addr: string): number[] {
  let text = addr;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const words = [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address embedded in NAT64 (64:ff9b::/96), 6to4 (2002::/16) or IPv4-compatible (::/96) forms. */
function embeddedV4(bytes: number[]): string | undefined {
  const q = (i: number) => bytes.slice(i, i + 4).join('.');
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(4, 12)) return q(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return q(2);
  if (zero(0, 12) && !zero(12, 14)) return q(12);
  return undefined;
}

/** Classifies an IP address for the SSRF guard; anything not 'public' is refused unless private feeds are allowed. Pure. */
export function classifyAddress(raw: string): AddressClass {
  const address = raw.split('%')[0] ?? raw; // drop an IPv6 zone id (fe80::1%eth0)
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (!family) return 'invalid';
  for (const [cls, list] of lists) if (list.check(address, family)) return cls;
  if (family === 'ipv6') {
    const v4 = embeddedV4(v6Bytes(address));
    if (v4 !== undefined) return classifyAddress(v4);
  }
  return 'public';
}
