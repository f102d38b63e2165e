//! Graceful shutdown: on SIGTERM the server binary stops taking connections, finishes
//! the request in flight with its real answer, and exits with 0.
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::*;

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits() {
    let dir = TempDir::new("shutdown");
    let mut server = Binary::start(&dir.database(), &dir.0);
    let addr = server.client.0;
    // A sign-in whose body is still on its way when the signal comes.
    let body = br#"{"username":"ada@contoso.example","password":"Harbor-Lantern-61","source":null}"#;
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "POST /api/sign-in HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    std::thread::sleep(Duration::from_millis(300));

    // No new connection is taken once it is stopping.
    let refused =
        TcpStream::connect(addr).is_err() || try_request(addr, "GET", "/health/live", &[], None).is_none();
    assert!(refused, "a new request was served after SIGTERM");

    stream.write_all(body).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "the request in flight was answered: {reply}");
    assert!(reply.contains("\"SignedIn\""), "{reply}");

    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "exits cleanly");
}
