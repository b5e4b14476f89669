//! Work whose cost the input decides — reading a hostile PDF, evaluating a query that builds
//! strings — run in a forked child process under limits, so that whatever the input does the
//! caller goes on: a child past its time is killed, one past its memory fails its allocation
//! and ends, one that overflows its stack or panics dies alone, and one that writes more than
//! the caller takes is stopped.
//!
//! The child shares the parent's memory copy-on-write, closes every descriptor it inherited but
//! its pipe (no listening socket, client connection or store lock stays open in it), sends its
//! standard error to `/dev/null`, caps its address space, runs the work, writes the bytes it
//! returns to the pipe and leaves with `_exit`. Only on Unix; elsewhere the work runs in the
//! calling process ([`AVAILABLE`] says which).

use std::time::Duration;

/// Waits for a program started with [`std::process::Command`] until `limit` has passed; then
/// kills it. The exit status, or `None` when it was killed for its time.
pub fn wait_or_kill(
    child: &mut std::process::Child,
    limit: Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether work can run in a forked child here.
pub const AVAILABLE: bool = cfg!(unix);

/// Set in a forked child: an allocation that fails there aborts at once.
static IN_CHILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A global allocator that serves every allocation from `A` and, in a forked child
/// ([`run`]), aborts the process the moment one fails. The standard library's handling of a
/// failed allocation takes a process-wide lock (the one guarding backtraces) before it aborts;
/// a child forked while another thread held that lock would wait for it forever instead of
/// ending past its memory. The binary and the unit tests allocate through it.
pub struct AbortInChild<A>(pub A);

// SAFETY: every call is passed to `A` unchanged; a failure in a child ends the process instead
// of returning.
unsafe impl<A: std::alloc::GlobalAlloc> std::alloc::GlobalAlloc for AbortInChild<A> {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        failed_in_child(unsafe { self.0.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        failed_in_child(unsafe { self.0.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        failed_in_child(unsafe { self.0.realloc(ptr, layout, size) })
    }
}

/// `ptr`, unless it is null in a forked child: then the child aborts (SIGABRT, which [`run`]
/// reports as [`Outcome::OutOfMemory`]).
fn failed_in_child(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() && IN_CHILD.load(std::sync::atomic::Ordering::Relaxed) {
        #[cfg(unix)]
        // SAFETY: abort ends the process; it takes no lock the parent's threads may hold.
        unsafe {
            libc::abort()
        };
    }
    ptr
}

/// How work run in a child ended.
#[derive(Debug)]
pub enum Outcome {
    /// The child finished and returned these bytes.
    Done(Vec<u8>),
    /// The time limit passed and the child was killed.
    TimedOut,
    /// The child ran out of the memory it may use, or of stack (it aborted).
    OutOfMemory,
    /// The child wrote more bytes than the caller takes, and was killed.
    TooLarge,
    /// The child died another way (the message says how).
    Crashed(String),
}

/// Runs `work` in a forked child and waits for its bytes until `limit` has passed. With
/// `memory`, the child may map at most that many bytes beyond what this process had mapped when
/// it was forked. At most `max_output` bytes are read from it.
#[cfg(unix)]
pub fn run(
    limit: Duration,
    memory: Option<u64>,
    max_output: usize,
    work: impl FnOnce() -> Vec<u8>,
) -> Outcome {
    use std::io::{Read, Write};
    use std::os::fd::FromRawFd;
    use std::time::Instant;

    let mut fds = [0i32; 2];
    // Close-on-exec from the start: a program another thread starts meanwhile (pdftotext,
    // Tesseract) must not keep the write end open, or the end of the answer would wait for
    // that program to end. (The forked child writes to it without exec.)
    // SAFETY: `fds` has room for the two descriptors pipe2() writes.
    #[cfg(target_os = "linux")]
    let made = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } == 0;
    // SAFETY: as above, then fcntl on the two descriptors just opened.
    #[cfg(not(target_os = "linux"))]
    let made = unsafe {
        libc::pipe(fds.as_mut_ptr()) == 0
            && fds
                .iter()
                .all(|&fd| libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) == 0)
    };
    if !made {
        return Outcome::Crashed(format!(
            "cannot make a pipe: {}",
            std::io::Error::last_os_error()
        ));
    }
    let (read_fd, write_fd) = (fds[0], fds[1]);
    let null = c"/dev/null";
    let statm = c"/proc/self/statm";
    // SAFETY: the child only runs `work` on memory it shares copy-on-write, writes to its end
    // of the pipe and leaves with _exit, running no destructor or exit handler of the parent's
    // state.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = std::io::Error::last_os_error();
        // SAFETY: both descriptors were opened above and are closed once.
        unsafe {
            libc::close(read_fd);
            libc::close(write_fd);
        }
        return Outcome::Crashed(format!("cannot fork: {e}"));
    }
    if pid == 0 {
        IN_CHILD.store(true, std::sync::atomic::Ordering::Relaxed);
        close_inherited_descriptors(write_fd);
        // SAFETY: open and dup2 on a path and descriptors of the child's own.
        unsafe {
            let fd = libc::open(null.as_ptr(), libc::O_WRONLY);
            if fd >= 0 {
                libc::dup2(fd, 2);
                if fd != 2 && fd != write_fd {
                    libc::close(fd);
                }
            }
        }
        // Measured in the child, with calls that take no lock: what the parent's other threads
        // map or unmap around the fork cannot shrink or widen the child's allowance.
        let address_space = memory.and_then(|m| Some(mapped_bytes(statm)?.saturating_add(m)));
        if let Some(bytes) = address_space {
            let cap = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            // SAFETY: setrlimit only changes this process's own limit.
            unsafe { libc::setrlimit(libc::RLIMIT_AS, &cap) };
        }
        let code = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            Ok(bytes) => {
                // SAFETY: the write end belongs to the child from here on.
                let mut pipe = unsafe { std::fs::File::from_raw_fd(write_fd) };
                i32::from(pipe.write_all(&bytes).is_err())
            }
            Err(_) => 2,
        };
        // SAFETY: leaves the child without unwinding into the parent's code.
        unsafe { libc::_exit(code) };
    }
    // SAFETY: in the parent; the write end belongs to the child.
    unsafe { libc::close(write_fd) };
    // SAFETY: the read end is owned by this File from here on.
    let mut pipe = unsafe { std::fs::File::from_raw_fd(read_fd) };
    let deadline = Instant::now() + limit;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    enum Stop {
        Finished,
        Late,
        Overflowing,
    }
    // The child's exit status once it is reaped. The end of the answer is the end of the pipe,
    // or the child's exit: a process forked meanwhile by another thread may hold a copy of the
    // write end for as long as it lives, and the answer must not wait for it.
    let mut reaped: Option<i32> = None;
    let mut read_some = |pipe: &mut std::fs::File, bytes: &mut Vec<u8>| -> Option<Stop> {
        match pipe.read(&mut chunk) {
            Ok(0) => Some(Stop::Finished),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                (bytes.len() > max_output).then_some(Stop::Overflowing)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => None,
            Err(_) => Some(Stop::Finished),
        }
    };
    let stop = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break Stop::Late;
        }
        let ms = left.as_millis().clamp(1, 100) as i32;
        let ready = poll_readable(read_fd, ms);
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            break Stop::Late;
        }
        if ready > 0 {
            if let Some(stop) = read_some(&mut pipe, &mut bytes) {
                break stop;
            }
            continue;
        }
        let mut status = 0;
        // SAFETY: asks, without waiting, whether our own child has ended.
        if unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) } == pid {
            reaped = Some(status);
            // What it wrote before it ended is in the pipe: take it all.
            break loop {
                if poll_readable(read_fd, 0) <= 0 {
                    break Stop::Finished;
                }
                if let Some(stop) = read_some(&mut pipe, &mut bytes) {
                    break stop;
                }
            };
        }
    };
    let status = match reaped {
        Some(status) => status,
        None => {
            if !matches!(stop, Stop::Finished) {
                // SAFETY: `pid` is our child, not yet reaped.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            let mut status = 0;
            // SAFETY: reaps our own child.
            unsafe { libc::waitpid(pid, &mut status, 0) };
            status
        }
    };
    match stop {
        Stop::Late => return Outcome::TimedOut,
        Stop::Overflowing => return Outcome::TooLarge,
        Stop::Finished => {}
    }
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        return Outcome::Done(bytes);
    }
    // A failed allocation, or a stack overflow, aborts the child.
    if libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGABRT {
        return Outcome::OutOfMemory;
    }
    Outcome::Crashed(if libc::WIFSIGNALED(status) {
        format!("it was ended by signal {}", libc::WTERMSIG(status))
    } else if libc::WEXITSTATUS(status) == 2 {
        "it panicked".to_string()
    } else {
        format!("it ended with status {}", libc::WEXITSTATUS(status))
    })
}

/// Polls `fd` for bytes to read for up to `ms` milliseconds: above 0 when there are some (or the
/// pipe's end), 0 when the time passed, below 0 on an error.
#[cfg(unix)]
fn poll_readable(fd: i32, ms: i32) -> i32 {
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut poll, 1, ms) }
}

/// Elsewhere: runs `work` here, with none of the limits.
#[cfg(not(unix))]
pub fn run(
    _limit: Duration,
    _memory: Option<u64>,
    max_output: usize,
    work: impl FnOnce() -> Vec<u8>,
) -> Outcome {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(bytes) if bytes.len() > max_output => Outcome::TooLarge,
        Ok(bytes) => Outcome::Done(bytes),
        Err(_) => Outcome::Crashed("it panicked".into()),
    }
}

/// The address space, in bytes, this process has mapped now, read from `statm`
/// (`/proc/self/statm`; elsewhere none is known). Safe between fork and exit: it opens, reads
/// into a buffer on the stack and parses without allocating.
#[cfg(unix)]
fn mapped_bytes(statm: &std::ffi::CStr) -> Option<u64> {
    let mut buf = [0u8; 128];
    // SAFETY: open, read into a stack buffer of the length given, and close of the descriptor
    // opened here.
    let read = unsafe {
        let fd = libc::open(statm.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return None;
        }
        let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        n
    };
    let read = usize::try_from(read).ok()?;
    let mut pages: u64 = 0;
    let mut digits = 0;
    for &b in buf[..read].iter().take_while(|b| b.is_ascii_digit()) {
        pages = pages.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    // SAFETY: sysconf only reads a configuration value.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages.checked_mul(u64::try_from(page).ok()?)
}

/// Closes every descriptor above standard error but `keep`, with calls that are safe between
/// fork and exit (close_range where the kernel has it, else one close per possible descriptor).
#[cfg(unix)]
fn close_inherited_descriptors(keep: i32) {
    let keep = keep.max(3) as libc::c_uint;
    #[cfg(target_os = "linux")]
    {
        // SAFETY: close_range only closes descriptors; the ranges leave out 0-2 and `keep`.
        let below = keep == 3
            || unsafe { libc::syscall(libc::SYS_close_range, 3 as libc::c_uint, keep - 1, 0) } == 0;
        // SAFETY: as above.
        let above = unsafe {
            libc::syscall(
                libc::SYS_close_range,
                keep + 1,
                libc::c_uint::MAX,
                0 as libc::c_uint,
            )
        } == 0;
        if below && above {
            return;
        }
    }
    // SAFETY: sysconf is async-signal-safe.
    let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let max = if max <= 0 { 65_536 } else { max.min(1 << 20) } as libc::c_uint;
    for fd in 3..max {
        if fd != keep {
            // SAFETY: closing a descriptor that may not be open only fails with EBADF.
            unsafe { libc::close(fd as i32) };
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_mapped_size_counts_pages_and_a_missing_file_gives_none() {
        let before = mapped_bytes(c"/proc/self/statm").expect("statm is readable");
        assert!(before > 1 << 20, "{before} bytes mapped");
        let held = vec![1u8; 64 << 20];
        let after = mapped_bytes(c"/proc/self/statm").expect("statm is readable");
        std::hint::black_box(&held);
        // Whatever other tests' threads map or unmap meanwhile, the 64 MiB block held is in it.
        assert!(after >= 64 << 20, "{before} then {after}");
        assert_eq!(mapped_bytes(c"/no/such/statm"), None);
    }

    #[test]
    fn the_answer_ends_with_the_child_though_another_process_holds_the_pipe() {
        // The child forks a process that keeps a copy of the pipe's write end and sleeps: the
        // answer must come when the child ends, not when that process does.
        let started = std::time::Instant::now();
        let out = run(Duration::from_secs(10), None, 1 << 20, || {
            // SAFETY: the second child only sleeps and leaves with _exit.
            let holder = unsafe { libc::fork() };
            if holder == 0 {
                // SAFETY: in the second child.
                unsafe {
                    libc::sleep(30);
                    libc::_exit(0);
                }
            }
            holder.to_string().into_bytes()
        });
        let Outcome::Done(bytes) = out else {
            panic!("the child ended another way: {out:?}");
        };
        let holder: i32 = String::from_utf8(bytes).unwrap().parse().unwrap();
        assert!(holder > 0);
        // SAFETY: ends the sleeping process the child started (now no child of this one).
        unsafe { libc::kill(holder, libc::SIGKILL) };
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the answer waited {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_child_returns_its_bytes() {
        let out = run(Duration::from_secs(20), None, 1 << 20, || b"text".to_vec());
        assert!(matches!(out, Outcome::Done(b) if b == b"text"));
    }

    #[test]
    fn a_child_past_its_limits_is_stopped_and_named() {
        let late = run(Duration::from_millis(200), None, 16, || {
            loop {
                std::hint::spin_loop();
            }
        });
        assert!(matches!(late, Outcome::TimedOut), "{late:?}");
        let greedy = run(Duration::from_secs(20), Some(64 << 20), 16, || {
            let mut v: Vec<Vec<u8>> = Vec::new();
            loop {
                v.push(vec![1u8; 16 << 20]);
                std::hint::black_box(&v);
            }
        });
        assert!(matches!(greedy, Outcome::OutOfMemory), "{greedy:?}");
        let verbose = run(Duration::from_secs(20), None, 16, || vec![b'x'; 1 << 20]);
        assert!(matches!(verbose, Outcome::TooLarge), "{verbose:?}");
        let panicking = run(Duration::from_secs(20), None, 16, || panic!("inside"));
        assert!(matches!(panicking, Outcome::Crashed(m) if m.contains("panicked")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_answer_pipe_is_closed_on_exec_so_no_program_started_meanwhile_holds_it() {
        // In the child, every descriptor above standard error (the answer's write end, and the
        // folder listing itself) is close-on-exec: a program another thread of the parent
        // starts between pipe and fork cannot keep the answer open.
        let out = run(Duration::from_secs(20), None, 1 << 16, || {
            let open: Vec<i32> = std::fs::read_dir("/proc/self/fd")
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter_map(|e| e.file_name().to_str()?.parse().ok())
                        .filter(|&fd| fd > 2)
                        .collect()
                })
                .unwrap_or_default();
            // SAFETY: F_GETFD only reads a descriptor's flags.
            let inherited = open
                .iter()
                .filter(|&&fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } & libc::FD_CLOEXEC == 0)
                .count();
            vec![u8::from(!open.is_empty()), inherited as u8]
        });
        assert!(
            matches!(&out, Outcome::Done(b) if b == &[1, 0]),
            "{out:?}: a descriptor would pass to a program started meanwhile"
        );
    }

    #[test]
    fn a_stack_overflow_ends_the_child_only() {
        fn deep(n: u64) -> u64 {
            let pad = std::hint::black_box([n; 64]);
            if n == 0 { 0 } else { deep(n - 1) + pad[3] }
        }
        let out = run(Duration::from_secs(20), None, 16, || {
            deep(u64::MAX).to_le_bytes().to_vec()
        });
        assert!(
            matches!(out, Outcome::OutOfMemory | Outcome::Crashed(_)),
            "{out:?}"
        );
    }
}
