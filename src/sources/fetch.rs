//! Fetching a page or a feed over http(s), within the contract's caps (ureq with rustls).

use std::time::Duration;

/// How long and how much one response may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    /// Silence between two reads.
    pub read: Duration,
    /// The whole response, redirects included: a server that trickles bytes is cut off.
    pub total: Duration,
    /// Bytes of body after decoding (a gzip bomb is cut off too).
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            read: Duration::from_secs(20),
            total: Duration::from_secs(60),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// What a conditional request remembers of the last answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful answer.
#[derive(Debug, Clone)]
pub enum Response {
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        /// The URL answered, after redirects.
        final_url: String,
        validators: Validators,
    },
    /// 304: nothing changed since the validators were given.
    NotModified,
}

/// Why a URL gave nothing; the message is the reason, the caller names the URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("only http and https URLs are fetched")]
    Scheme,
    #[error("the server answered {0}")]
    Status(u16),
    #[error("more than {0} redirects")]
    Redirects(u32),
    #[error("the response is over {0} bytes")]
    TooLarge(u64),
    #[error("no answer in time ({0})")]
    Timeout(String),
    #[error("the response is empty")]
    Empty,
    #[error("{0}")]
    Other(String),
}

fn agent(limits: &Limits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(concat!("qwen-story/", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Some(limits.connect))
        .timeout_per_read(Some(limits.read))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.max_redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        // HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, with NO_PROXY.
        .proxy(ureq::Proxy::try_from_env())
        .build()
        .into()
}

/// Whether `s` is a URL this program fetches.
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// GETs `url`, conditionally when `validators` hold something.
pub fn get(url: &str, validators: &Validators, limits: &Limits) -> Result<Response, FetchError> {
    if !is_url(url) {
        return Err(FetchError::Scheme);
    }
    let mut request = agent(limits).get(url).header("Accept-Encoding", "gzip");
    if let Some(etag) = &validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &validators.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| error(e, limits))?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(Response::NotModified);
    }
    if !(200..300).contains(&status) {
        return Err(FetchError::Status(status));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    let content_type = header("content-type");
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    // After redirects, the URL that answered.
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| error(e, limits))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FetchError::Empty);
    }
    Ok(Response::Body {
        bytes,
        content_type,
        final_url,
        validators,
    })
}

fn error(e: ureq::Error, limits: &Limits) -> FetchError {
    match e {
        ureq::Error::TooManyRedirects => FetchError::Redirects(limits.max_redirects),
        ureq::Error::BodyExceedsLimit(n) => FetchError::TooLarge(n.max(limits.max_bytes)),
        ureq::Error::Timeout(t) => FetchError::Timeout(t.to_string()),
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        // A body cut off mid-way, a reset connection, a refused one.
        ureq::Error::Io(io) => FetchError::Other(io.to_string()),
        other => FetchError::Other(other.to_string()),
    }
}
