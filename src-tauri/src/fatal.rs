//! The one message shown when the app cannot start at all: there is no window yet to show it in,
//! and on Windows no console either, so it goes to a native message box there.

/// Shows `text` to the user (Windows: a message box; elsewhere: standard error).
pub fn show(text: &str) {
    eprintln!("{text}");
    #[cfg(windows)]
    {
        use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONERROR, MB_OK};
        let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
        let (body, title) = (wide(text), wide("Maillage"));
        // SAFETY: both strings are NUL-terminated UTF-16 buffers that outlive the call.
        unsafe { MessageBoxW(std::ptr::null_mut(), body.as_ptr(), title.as_ptr(), MB_OK | MB_ICONERROR) };
    }
}
