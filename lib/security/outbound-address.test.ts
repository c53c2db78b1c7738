import { describe, expect, it } from 'vitest';
import { addressRange, isAllowListed, isPublicAddress, outboundTarget, parseAllowList } from './outbound-address';

const hostOf = (url: string) => outboundTarget(url)?.host;

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'], // Alibaba Cloud metadata
    ['169.254.169.254', 'linkLocal'], // AWS, GCP, Azure metadata
    ['192.0.0.192', 'reserved'], // Oracle Cloud metadata
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'], // AWS metadata over IPv6
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::a00:5', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'linkLocal'], // NAT64 of 169.254.169.254
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'accepts the public address %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it('refuses what is not an address at all', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });
});

describe('outboundTarget', () => {
  it('reads decimal, octal, hex and short IPv4 forms as the address they mean', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://0x7f000001/',
    ])
      expect(hostOf(url), url).toBe('127.0.0.1');
    expect(hostOf('http://0/')).toBe('0.0.0.0');
    expect(hostOf('http://[::ffff:127.0.0.1]:8080/x')).toBe('::ffff:7f00:1');
  });
  it('takes only http(s) URLs', () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1/', 'ftp://example.com/', 'not a url'])
      expect(outboundTarget(url), url).toBeNull();
    expect(hostOf('HTTPS://Hooks.Example.com./x')).toBe('hooks.example.com.');
  });
});

describe('allow list', () => {
  const list = parseAllowList(' chat.internal ,10.0.0.5,, 10.1.0.0/16, [fd00::7], ');
  it('allows listed host names, addresses and ranges, and nothing else', () => {
    expect(isAllowListed(list, 'chat.internal', '10.9.9.9')).toBe(true);
    expect(isAllowListed(list, 'CHAT.internal.', '10.9.9.9')).toBe(true);
    expect(isAllowListed(list, 'other.internal', '10.0.0.5')).toBe(true);
    expect(isAllowListed(list, 'other.internal', '::ffff:10.0.0.5')).toBe(true);
    expect(isAllowListed(list, 'x', '10.1.200.3')).toBe(true);
    expect(isAllowListed(list, 'x', 'fd00::7')).toBe(true);
    expect(isAllowListed(list, 'x', '10.0.0.6')).toBe(false);
    expect(isAllowListed(list, 'chat.internal.evil.test', '127.0.0.1')).toBe(false);
    expect(isAllowListed(parseAllowList(undefined), 'localhost', '127.0.0.1')).toBe(false);
  });
});
