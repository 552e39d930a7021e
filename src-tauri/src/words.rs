//! Messages of the desktop shell itself, in French: before any window exists (`fatal.rs`), and
//! about opening the files it produced.

pub fn not_produced(path: &str) -> String {
    format!("« {path} » n'a pas été enregistré par Maillage depuis son ouverture : ouvrez-le depuis l'explorateur de fichiers.")
}
pub fn cannot_open(path: &str, detail: &str) -> String {
    format!("Impossible d'ouvrir « {path} » : {detail}. Le fichier est bien enregistré ; ouvrez-le depuis l'explorateur de fichiers.")
}
pub fn webview_missing(detail: &str) -> String {
    format!("Maillage ne peut pas s'ouvrir : le composant d'affichage de Windows, « Microsoft Edge WebView2 Runtime », est introuvable sur cet ordinateur ({detail}).\n\nWindows 10 et 11 l'installent normalement avec les mises à jour. Demandez à votre service informatique de l'installer, ou téléchargez sa version « Evergreen » depuis https://go.microsoft.com/fwlink/p/?LinkId=2124703, puis relancez Maillage.")
}
pub fn opening_interrupted(path: &str) -> String {
    format!("L'ouverture de la base {path} s'est interrompue. Fermez Maillage et relancez-le ; si cela se reproduit, le journal technique (À propos) dit pourquoi.")
}
pub fn start_failed(detail: &str) -> String {
    format!("Maillage n'a pas pu démarrer : {detail}")
}
