//! `https://` servers: a server whose certificate a private authority signed is trusted with
//! `--ca-cert` and refused without it, and a certificate file without certificates is named.
//! The server is a minimal https endpoint in the test that answers every query with `true`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// Serves https on a free loopback port, answering every request with the SPARQL JSON result
/// `true`; gives the port.
fn https_server() -> u16 {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = BufReader::new(rustls::StreamOwned::new(conn, stream));
            // The request's head; a client that refuses the certificate ends the handshake.
            let mut line = String::new();
            let mut ok = true;
            loop {
                line.clear();
                match tls.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        ok = false;
                        break;
                    }
                    Ok(_) if line == "\r\n" => break,
                    Ok(_) => {}
                }
            }
            if ok {
                let body = r#"{"head":{},"boolean":true}"#;
                let _ = write!(
                    tls.get_mut(),
                    "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.get_mut().flush();
                tls.get_mut().conn.send_close_notify();
                let _ = tls.get_mut().flush();
            }
        }
    });
    port
}

fn ask(port: u16, ca: Option<&Path>) -> std::process::Output {
    let mut c = Command::cargo_bin("corridor").unwrap();
    c.args(["--store", &format!("https://127.0.0.1:{port}/sparql")])
        .args(["--retries", "0"]);
    if let Some(ca) = ca {
        c.arg("--ca-cert").arg(ca);
    }
    c.args(["query", "ASK { ?s ?p ?o }"]).output().unwrap()
}

#[test]
fn a_server_signed_by_a_private_authority_is_trusted_with_its_certificate_only() {
    let port = https_server();
    let trusted = ask(port, Some(&fixture("ca.pem")));
    assert!(
        trusted.status.success(),
        "{}",
        String::from_utf8_lossy(&trusted.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&trusted.stdout).trim(), "true");

    // Against Mozilla's root certificates, the same server is refused.
    let refused = ask(port, None);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains(&format!("https://127.0.0.1:{port}/sparql")) && err.contains("ertificate"),
        "{err}"
    );

    // A file without certificates is named.
    let refused = ask(port, Some(&fixture("README.md")));
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("README.md") && err.contains("no PEM certificate"),
        "{err}"
    );
}
