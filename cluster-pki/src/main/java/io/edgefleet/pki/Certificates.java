package io.edgefleet.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** Leaf certificates signed by one of a cluster's CAs, each with a fresh P-256 key. */
public final class Certificates {
    /** The first address of kubeadm's default service subnet 10.96.0.0/12: the in-cluster {@code kubernetes} service. */
    public static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
    /** The names kube-apiserver answers to inside the cluster (kubeadm puts the same on its serving cert). */
    public static final List<String> KUBERNETES_DNS_NAMES = List.of("kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");

    private Certificates() {
    }

    /**
     * kube-apiserver's serving certificate: CN {@code kube-apiserver}; SANs the given IPs (the VIP and every
     * control-plane address) plus {@link #KUBERNETES_SERVICE_IP}, the in-cluster DNS names and the node name;
     * key usage digitalSignature + keyEncipherment, extended key usage serverAuth.
     */
    public static CertificateAndKey apiServer(CertificateAndKey ca, String nodeName, List<String> ips,
                                              Instant now, Duration validity) {
        Set<String> addresses = new LinkedHashSet<>(ips);
        addresses.add(KUBERNETES_SERVICE_IP);
        Set<String> dnsNames = new LinkedHashSet<>(KUBERNETES_DNS_NAMES);
        dnsNames.add(requireDnsName(nodeName));
        List<GeneralName> sans = new ArrayList<>();
        dnsNames.forEach(name -> sans.add(new GeneralName(GeneralName.dNSName, name)));
        addresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, requireIp(ip))));
        return CertificateIssuer.leaf(ca, CertificateIssuer.name("kube-apiserver", List.of()),
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(KeyPurposeId.id_kp_serverAuth),
                sans, now, validity);
    }

    /**
     * A client certificate: CN = the user, one O per group; key usage digitalSignature, extended key usage
     * clientAuth; a random 128-bit serial (so an audit line's serial names one issue).
     */
    public static CertificateAndKey client(CertificateAndKey ca, String commonName, List<String> organizations,
                                           Instant now, Duration validity) {
        return CertificateIssuer.leaf(ca, CertificateIssuer.name(commonName, organizations),
                KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_clientAuth), List.of(), now, validity);
    }

    /**
     * etcd's serving certificate, kubeadm's {@code etcd/server.crt} profile: CN the node name; SANs the node
     * name, {@code localhost}, the given IPs and 127.0.0.1; extended key usage serverAuth AND clientAuth (etcd's
     * own gRPC gateway dials its gRPC server with this certificate, so under client-certificate auth it must be a
     * client certificate too).
     */
    public static CertificateAndKey etcdServer(CertificateAndKey etcdCa, String nodeName, List<String> ips,
                                               Instant now, Duration validity) {
        Set<String> addresses = new LinkedHashSet<>(ips);
        addresses.add("127.0.0.1");
        return peer(etcdCa, nodeName, List.of(nodeName, "localhost"), List.copyOf(addresses), now, validity);
    }

    /**
     * A TLS peer's certificate: CN the given name; SANs the DNS names and literal IPs; key usage
     * digitalSignature + keyEncipherment, extended key usage serverAuth and clientAuth (a peer both serves and
     * dials, as etcd members and Kafka brokers do).
     */
    public static CertificateAndKey peer(CertificateAndKey ca, String commonName, List<String> dnsNames,
                                         List<String> ips, Instant now, Duration validity) {
        List<GeneralName> sans = new ArrayList<>();
        new LinkedHashSet<>(dnsNames).forEach(name -> sans.add(new GeneralName(GeneralName.dNSName, requireDnsName(name))));
        new LinkedHashSet<>(ips).forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, requireIp(ip))));
        return CertificateIssuer.leaf(ca, CertificateIssuer.name(commonName, List.of()),
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth), sans, now, validity);
    }

    /** A certificate authority of its own (P-256, self-signed), e.g. the one a local Kafka broker's listener uses. */
    public static CertificateAndKey authority(String commonName, Instant now, Duration validity) {
        return CertificateIssuer.selfSignedCa(commonName, now, validity);
    }

    /**
     * The serial number in lowercase hex, as {@code openssl x509 -serial} shows it (case aside): whole
     * bytes, so a serial whose top nibble is zero keeps its leading {@code 0} and an auditor's grep for
     * the openssl output finds the audit line.
     */
    public static String serialHex(String certificatePem) {
        String hex = Pem.certificateHolder(certificatePem).getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    /** The certificate's notAfter. */
    public static Instant notAfter(String certificatePem) {
        return Pem.certificateHolder(certificatePem).getNotAfter().toInstant();
    }

    /** Literal IPv4 or IPv6 only: a name here would be resolved through DNS, which a certificate must not need. */
    private static String requireIp(String ip) {
        if (ip == null || !(org.bouncycastle.util.IPAddress.isValidIPv4(ip) || org.bouncycastle.util.IPAddress.isValidIPv6(ip))) {
            throw new IllegalArgumentException("not a literal IP address: " + ip);
        }
        return ip;
    }

    private static String requireDnsName(String name) {
        if (name == null || !name.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            throw new IllegalArgumentException("not a DNS name usable as a node name: " + name);
        }
        return name;
    }
}
