package org.peerstore.addrbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CometBFT's TestAddrBookGroupKey cases (p2p/pex/addrbook_test.go), written anew. */
class GroupKeyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "12.1.2.3, 12.1.0.0",
      "173.1.2.3, 173.1.0.0",
      "196.1.2.3, 196.1.0.0",
      "2002:0c01:0203::, 12.1.0.0",
      "2001:0:1234::f3fe:fdfc, 12.1.0.0",
      "64:ff9b::0c01:0203, 12.1.0.0",
      "::ffff:0:0c01:0203, 12.1.0.0",
      "fd87:d87e:eb43:1234::5678, tor:2",
      "fd87:d87e:eb43:1245::6789, tor:2",
      "fd87:d87e:eb43:1345::6789, tor:3",
      "2602:100::1, 2602:100::",
      "2602:0100::1234, 2602:100::",
      "2001:470:1f10:a1::2, 2001:470:1000::",
      "2001:0470:1f10:a1::2, 2001:470:1000::",
  })
  void nonStrict(String ip, String group) {
    assertThat(IpRules.groupKey(NetAddress.parseIp(ip), false)).isEqualTo(group);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "127.0.0.1, local",
      "::1, local",
      "0.0.0.0, local",
      "0.1.2.3, local",
      "255.255.255.255, unroutable",
      "10.1.2.3, unroutable",
      "172.16.1.2, unroutable",
      "192.168.1.2, unroutable",
      "2001:db8::1234, unroutable",
      "169.254.1.2, unroutable",
      "fc00::1234, unroutable",
      "2001:10::1234, unroutable",
      "fe80::1234, unroutable",
      "12.1.2.3, 12.1.0.0",
  })
  void strict(String ip, String group) {
    assertThat(IpRules.groupKey(NetAddress.parseIp(ip), true)).isEqualTo(group);
  }

  @ParameterizedTest
  @CsvSource({
      "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
      "1:0:0:4:0:0:0:8, 1:0:0:4::8",
      "1:0:3:4:5:6:7:8, 1:0:3:4:5:6:7:8",
      "0:0:0:0:0:0:0:0, ::",
      "::ffff:1.2.3.4, 1.2.3.4",
  })
  void ipTextIsGoStyle(String ip, String text) {
    assertThat(IpRules.text(NetAddress.parseIp(ip).getAddress())).isEqualTo(text);
  }
}
