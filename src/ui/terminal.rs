//! The terminal edge: raw mode and the alternate screen (always restored), signals, the
//! panic hook, and the event loop that blocks on one channel and redraws on change.

use super::app::{Action, App};
use super::theme::Theme;
use crate::corpus::CorpusSource;
use anyhow::Context;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc;

/// The contract's one-line error when stdin or stdout is not a terminal.
pub const NOT_A_TERMINAL: &str = "qwen-story: the dashboard needs a terminal; use `qwen-story timeline` or `qwen-story export` for output that can be piped";

/// Everything the loop waits for, on one channel.
enum AppEvent {
    Input(Event),
    Reloaded(anyhow::Result<crate::timeline::Timeline>),
    /// What the background update of the followed feeds (`u`) reports.
    Update(crate::sources::update::UpdateEvent),
    /// SIGTERM, SIGHUP, SIGQUIT or SIGINT (Ctrl-C arrives as a key in raw mode; SIGINT from `kill`).
    Signal(i32),
    /// The input thread failed to read.
    InputError(std::io::Error),
}

/// Opens the dashboard over the corpus.
pub fn run(source: &CorpusSource, no_mouse: bool) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        crate::console::warn(NOT_A_TERMINAL);
        return Ok(ExitCode::from(2));
    }
    let timeline = crate::load_timeline(source)?;
    let mut app = super::configured(App::new(timeline), Theme::from_env(), no_mouse)?;

    let (tx, rx) = mpsc::channel::<AppEvent>();
    let _signals = spawn_signal_thread(tx.clone())?;
    let reload_tx = tx.clone();
    // Watching is a convenience: without it the dashboard still works, and says why.
    let _watch = match crate::watch::spawn(source, move |result| {
        let _ = reload_tx.send(AppEvent::Reloaded(result));
    }) {
        Ok(watch) => Some(watch),
        Err(e) => {
            app.set_reload_error(format!("live reload is off: {e:#}"));
            None
        }
    };

    install_panic_hook();
    let guard = TerminalGuard::enter(app.mouse())?;
    spawn_input_thread(tx.clone());
    let result = event_loop(&mut app, (&tx, &rx), source);
    drop(guard);
    result
}

fn event_loop(
    app: &mut App,
    (tx, rx): (&mpsc::Sender<AppEvent>, &mpsc::Receiver<AppEvent>),
    source: &CorpusSource,
) -> anyhow::Result<ExitCode> {
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))
        .context("cannot use the terminal")?;
    terminal.clear()?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| super::render(app, frame.area(), frame.buffer_mut()))?;
            dirty = false;
        }
        // Blocks: no polling, no timer; idle costs nothing.
        let Ok(event) = rx.recv() else {
            return Ok(ExitCode::SUCCESS);
        };
        let action = match event {
            AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                app.handle_key(key)
            }
            AppEvent::Input(Event::Mouse(mouse)) => {
                let size = terminal.size()?;
                app.handle_mouse(mouse, Rect::new(0, 0, size.width, size.height))
            }
            AppEvent::Input(Event::Resize(width, height)) => {
                terminal.autoresize()?;
                app.resize(width, height);
                Action::Redraw
            }
            AppEvent::Input(_) => Action::None,
            // The watcher may report a rebuild that changed nothing: no redraw for that.
            AppEvent::Reloaded(Ok(timeline)) if same_data(app.timeline(), &timeline) => {
                Action::None
            }
            AppEvent::Reloaded(Ok(timeline)) => {
                app.apply_reload(timeline);
                Action::Redraw
            }
            AppEvent::Update(event) => {
                let now = chrono::Local::now().format("%H:%M").to_string();
                app.on_update(event, now);
                Action::Redraw
            }
            AppEvent::Reloaded(Err(e)) => {
                app.set_reload_error(format!("{e:#}"));
                Action::Redraw
            }
            // Killed: exit as a killed process would (128 + the signal), terminal restored.
            AppEvent::Signal(signal) => return Ok(ExitCode::from((128 + signal) as u8)),
            AppEvent::InputError(e) => return Err(e).context("cannot read from the terminal"),
        };
        match action {
            Action::Quit => return Ok(ExitCode::SUCCESS),
            Action::Redraw => dirty = true,
            Action::Export => {
                let size = terminal.size()?;
                export_snapshot(app, Rect::new(0, 0, size.width, size.height));
                dirty = true;
            }
            Action::Copy(text) => {
                let status = super::effects::copy(&text, terminal.backend_mut());
                app.set_status(status);
                dirty = true;
            }
            Action::Open(url) => {
                app.set_status(super::effects::open(&url));
                dirty = true;
            }
            Action::SetMouse(on) => {
                super::effects::set_mouse(terminal.backend_mut(), on)?;
                dirty = true;
            }
            Action::Update => {
                if app.updating() {
                    app.set_status("an update is already running".into());
                } else {
                    start_update(source, tx.clone());
                    app.set_status(
                        "updating the followed feeds: new articles arrive by the live reload"
                            .into(),
                    );
                }
                dirty = true;
            }
            Action::None => {}
        }
    }
}

/// The `u` key: the followed feeds updated on a thread of their own (the same code as
/// `qwen-story update`); its events reach the loop, its articles the live reload.
fn start_update(source: &CorpusSource, tx: mpsc::Sender<AppEvent>) {
    let events = crate::sources::update::run_in_background(source.clone());
    std::thread::spawn(move || {
        for event in events {
            if tx.send(AppEvent::Update(event)).is_err() {
                return;
            }
        }
    });
}

fn same_data(a: &crate::timeline::Timeline, b: &crate::timeline::Timeline) -> bool {
    a.milestones == b.milestones && a.warnings == b.warnings && a.articles == b.articles
}

/// The `e` key: the current frame as files in the working folder; the outcome in the footer.
fn export_snapshot(app: &mut App, area: Rect) {
    let mut buffer = Buffer::empty(area);
    super::render(app, area, &mut buffer);
    let written = std::env::current_dir()
        .context("cannot find the current folder")
        .and_then(|dir| crate::export::write_snapshot(&buffer, &dir));
    let status = match written {
        Ok(paths) => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            format!("exported {}", names.join(", "))
        }
        Err(e) => format!("export failed: {e:#}"),
    };
    app.set_status(status);
}

fn spawn_input_thread(tx: mpsc::Sender<AppEvent>) {
    std::thread::spawn(move || loop {
        let event = match event::read() {
            Ok(event) => AppEvent::Input(event),
            Err(e) => AppEvent::InputError(e),
        };
        let failed = matches!(event, AppEvent::InputError(_));
        if tx.send(event).is_err() || failed {
            return;
        }
    });
}

/// The signals that end the dashboard as a user's quit does, terminal restored. SIGQUIT
/// (Ctrl-\ outside raw mode, or `kill -QUIT`) would otherwise dump core and leave the
/// terminal raw, on the alternate screen, with the cursor hidden.
const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
];

/// [`ENDING_SIGNALS`] end the loop normally, so the guard restores the terminal.
fn spawn_signal_thread(
    tx: mpsc::Sender<AppEvent>,
) -> anyhow::Result<signal_hook::iterator::Handle> {
    let mut signals =
        signal_hook::iterator::Signals::new(ENDING_SIGNALS).context("cannot watch for signals")?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(AppEvent::Signal(signal));
        }
    });
    Ok(handle)
}

/// Raw mode, the alternate screen and mouse capture for as long as it lives.
struct TerminalGuard;

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        // From here on the guard exists, so a failure below still restores.
        let guard = TerminalGuard;
        execute!(std::io::stdout(), EnterAlternateScreen)
            .context("cannot open the alternate screen")?;
        super::effects::set_mouse(&mut std::io::stdout(), mouse)
            .context("cannot set up the mouse")?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leaves the alternate screen and raw mode; safe to call twice.
fn restore_terminal() {
    let _ = super::effects::set_mouse(&mut std::io::stdout(), false);
    let _ = execute!(
        std::io::stdout(),
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// A panic restores the terminal first, so its message is readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}
