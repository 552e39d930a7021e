// Generated from src-tauri/crates/model/src/labels.rs by `make bindings`: do not edit by hand.
import type { ActionMetric } from './ActionMetric';
import type { ActionStatus } from './ActionStatus';
import type { AgreementKind } from './AgreementKind';
import type { AttendanceStatus } from './AttendanceStatus';
import type { BackupReason } from './BackupReason';
import type { BodyKind } from './BodyKind';
import type { CalendarMethod } from './CalendarMethod';
import type { Civility } from './Civility';
import type { ConsentMethod } from './ConsentMethod';
import type { ConsentStatus } from './ConsentStatus';
import type { DuplicateChoice } from './DuplicateChoice';
import type { FollowUp } from './FollowUp';
import type { ImportField } from './ImportField';
import type { ImportKind } from './ImportKind';
import type { IndicatorScope } from './IndicatorScope';
import type { IndicatorUnit } from './IndicatorUnit';
import type { JournalAction } from './JournalAction';
import type { JournalOrigin } from './JournalOrigin';
import type { MailingAudience } from './MailingAudience';
import type { MailingFormat } from './MailingFormat';
import type { MailingPurpose } from './MailingPurpose';
import type { MeetingStatus } from './MeetingStatus';
import type { MemberRole } from './MemberRole';
import type { MembershipStatus } from './MembershipStatus';
import type { OrgCategory } from './OrgCategory';
import type { PartnerRole } from './PartnerRole';
import type { PeriodKind } from './PeriodKind';
import type { PersonCategory } from './PersonCategory';
import type { Reply } from './Reply';
import type { ReportSection } from './ReportSection';
import type { RightConcerned } from './RightConcerned';
import type { Sector } from './Sector';
import type { Timescale } from './Timescale';

export const SECTORS = {
	public: "Public",
	parapublic: "Parapublic",
	associatif: "Associatif",
	prive: "Privé",
} as const satisfies Record<Sector, string>;

export const ORG_CATEGORIES = {
	ccas: "CCAS",
	caf: "CAF",
	conseil_departemental: "Conseil départemental",
	securite_sociale: "Sécurité sociale",
	centre_social: "Centre social",
	association_entraide: "Association d'entraide",
	bailleur: "Bailleur",
	sante: "Santé",
	emploi: "Emploi",
	education: "Éducation",
	collectivite: "Collectivité",
	autre: "Autre",
} as const satisfies Record<OrgCategory, string>;

export const PERSON_CATEGORIES = {
	professionnel: "Professionnel",
	benevole: "Bénévole",
	elu: "Élu",
	habitant: "Habitant",
	decideur: "Décideur",
	intervenant: "Intervenant",
	autre: "Autre",
} as const satisfies Record<PersonCategory, string>;

export const PERSON_CATEGORIES_PLURAL = {
	professionnel: "Professionnels",
	benevole: "Bénévoles",
	elu: "Élus",
	habitant: "Habitants",
	decideur: "Décideurs",
	intervenant: "Intervenants",
	autre: "Autres",
} as const satisfies Record<PersonCategory, string>;

export const CIVILITIES = {
	madame: "Madame",
	monsieur: "Monsieur",
} as const satisfies Record<Civility, string>;

export const MEMBERSHIP_STATUSES = {
	prospect: "Prospect",
	interesse: "Intéressé",
	membre: "Membre",
	retire: "Retiré",
} as const satisfies Record<MembershipStatus, string>;

export const AGREEMENT_KINDS = {
	charte: "Charte",
	convention: "Convention",
	protocole: "Protocole",
} as const satisfies Record<AgreementKind, string>;

export const BODY_KINDS = {
	pleniere: "Séance plénière",
	copil: "Comité de pilotage",
	comite_suivi: "Comité de suivi",
	commission_suivi_orientation: "Commission de suivi et d'orientation",
	comite_technique: "Comité technique / coordination technique",
	groupe_travail: "Groupe de travail",
	groupe_terrain: "Groupe de terrain",
	groupe_veille: "Groupe de veille",
	reseau: "Réseau",
	rencontre_annuelle: "Rencontre annuelle",
	rencontre_etape: "Rencontre étape",
	colloque: "Journée d'étude / colloque",
	autre: "Autre",
} as const satisfies Record<BodyKind, string>;

export const MEMBER_ROLES = {
	pilote: "Pilote",
	copilote: "Copilote",
	animateur: "Animateur",
	membre: "Membre",
	rapporteur: "Rapporteur",
	invite_non_membre: "Invité non-membre",
} as const satisfies Record<MemberRole, string>;

export const MEETING_STATUSES = {
	prevue: "Prévue",
	tenue: "Tenue",
	annulee: "Annulée",
	reportee: "Reportée",
} as const satisfies Record<MeetingStatus, string>;

export const REPLIES = {
	en_attente: "En attente",
	accepte: "Accepté",
	excuse: "Excusé",
	decline: "Décliné",
} as const satisfies Record<Reply, string>;

export const ATTENDANCE = {
	present: "Présent",
	excuse: "Excusé",
	absent: "Absent",
} as const satisfies Record<AttendanceStatus, string>;

export const MAILING_PURPOSES = {
	invitation: "Invitation",
	relance: "Relance",
	compte_rendu: "Compte rendu",
	remerciement: "Remerciements",
	annulation: "Annulation",
} as const satisfies Record<MailingPurpose, string>;

export const MAILING_AUDIENCES = {
	tous: "Toutes les personnes invitées",
	sans_reponse: "Les personnes qui n'ont pas répondu",
	presents_excuses: "Les présents et les excusés",
	presents: "Les présents",
} as const satisfies Record<MailingAudience, string>;

export const CALENDAR_METHODS = {
	publish: "À ajouter à l'agenda",
	request: "Demande de réunion (accepter / refuser)",
} as const satisfies Record<CalendarMethod, string>;

export const MAILING_FORMATS = {
	eml_cci: "brouillon e-mail (destinataires en Cci)",
	eml_individuels: "brouillons e-mail individuels",
	ics: "invitation agenda (.ics)",
	adresses: "liste des adresses",
	lettre: "lettre imprimée",
} as const satisfies Record<MailingFormat, string>;

export const TIMESCALES = {
	court: "Court terme",
	moyen: "Moyen terme",
	long: "Long terme",
} as const satisfies Record<Timescale, string>;

export const ACTION_STATUSES = {
	proposee: "Proposée",
	validee: "Validée",
	en_cours: "En cours",
	terminee: "Terminée",
	abandonnee: "Abandonnée",
} as const satisfies Record<ActionStatus, string>;

export const PARTNER_ROLES = {
	pilote: "Pilote",
	copilote: "Copilote",
	structure_referente: "Structure référente",
	partenaire: "Partenaire",
} as const satisfies Record<PartnerRole, string>;

export const ACTION_METRICS = {
	benevoles: "Bénévoles impliqués",
	beneficiaires_identifies: "Bénéficiaires identifiés",
	beneficiaires_visites: "Bénéficiaires visités",
	beneficiaires_orientes: "Bénéficiaires orientés",
} as const satisfies Record<ActionMetric, string>;

export const INDICATOR_UNITS = {
	nombre: "Nombre",
	pourcentage: "Pourcentage",
	euros: "Euros",
	heures: "Heures",
	texte: "Texte",
} as const satisfies Record<IndicatorUnit, string>;

export const INDICATOR_SCOPES = {
	reseau: "Réseau",
	instance: "Instance ou groupe",
	action: "Action",
} as const satisfies Record<IndicatorScope, string>;

export const PERIOD_KINDS = {
	mois: "Mois",
	trimestre: "Trimestre",
	semestre: "Semestre",
	annee: "Année",
} as const satisfies Record<PeriodKind, string>;

export const RIGHTS = {
	rsa: "RSA",
	aah: "AAH",
	prime_activite: "Prime d'activité",
	apl: "APL",
	css: "CMU-C / CSS",
	retraite: "Retraite",
	autre: "Autre",
} as const satisfies Record<RightConcerned, string>;

export const FOLLOW_UPS = {
	alerte_individuelle: "Alerte individuelle",
	alerte_collective: "Alerte collective",
	faq: "Réponse dans la FAQ",
	remontee_pio: "Remontée au partenariat inter-organismes",
} as const satisfies Record<FollowUp, string>;

export const BACKUP_REASONS = {
	quotidienne: "Quotidienne",
	manuelle: "Manuelle",
	"avant-fusion": "Avant une fusion",
	"avant-import": "Avant un import",
	"avant-mise-a-jour": "Avant une mise à jour",
	"avant-restauration": "Avant une restauration",
} as const satisfies Record<BackupReason, string>;

export const CONSENT_STATUSES = {
	donne: "Accepte d'être contacté(e)",
	retire: "Refuse d'être contacté(e)",
} as const satisfies Record<ConsentStatus, string>;

export const CONSENT_METHODS = {
	bulletin_papier: "Bulletin papier",
	courriel: "Courriel",
	oral: "Oralement",
	formulaire: "Formulaire",
} as const satisfies Record<ConsentMethod, string>;

export const JOURNAL_ORIGINS = {
	application: "Application",
	ligne_de_commande: "Ligne de commande",
	import: "Import",
	fusion: "Fusion d'une copie",
} as const satisfies Record<JournalOrigin, string>;

export const JOURNAL_ACTIONS = {
	creation: "Création",
	modification: "Modification",
	suppression: "Suppression",
	effacement: "Effacement RGPD",
} as const satisfies Record<JournalAction, string>;

export const IMPORT_FIELDS = {
	org_name: "Nom",
	acronym: "Sigle",
	sector: "Secteur",
	org_category: "Catégorie",
	address: "Adresse",
	postal_code: "Code postal",
	commune: "Commune",
	territory: "Territoire",
	phone: "Téléphone",
	mobile: "Portable",
	email: "Courriel",
	website: "Site web",
	missions: "Missions",
	public_served: "Public accueilli",
	civility: "Civilité",
	last_name: "Nom",
	first_name: "Prénom",
	person_category: "Catégorie",
	organisation: "Structure",
	function: "Fonction",
	notes: "Remarques",
	role: "Rôle",
	start_date: "Depuis",
	end_date: "Jusqu'au",
} as const satisfies Record<ImportField, string>;

export const IMPORT_KINDS = {
	organisations: "Organismes",
	people: "Personnes et leurs postes",
	members: "Membres d'une instance",
} as const satisfies Record<ImportKind, string>;

export const DUPLICATE_CHOICES = {
	skip: "Ignorer",
	merge: "Fusionner avec la fiche existante",
	create: "Créer quand même",
} as const satisfies Record<DuplicateChoice, string>;

export const REPORT_SECTIONS = {
	introduction: "Introduction",
	faits_marquants: "Faits marquants",
	perspectives: "Perspectives",
} as const satisfies Record<ReportSection, string>;

// Years a person is kept after their last activity when the settings say nothing.
export const RETENTION_DEFAULT_YEARS = {
	professionnel: 3,
	benevole: 2,
	elu: 3,
	habitant: 2,
	decideur: 3,
	intervenant: 3,
	autre: 3,
} as const satisfies Record<PersonCategory, number>;

// Whom each mailing goes to unless the user chooses (MailingAudience::default_for).
export const MAILING_DEFAULT_AUDIENCE = {
	invitation: "tous",
	relance: "sans_reponse",
	compte_rendu: "presents_excuses",
	remerciement: "presents",
	annulation: "tous",
} as const satisfies Record<MailingPurpose, MailingAudience>;

// Mailings that invite: they carry the event, as added to calendars or a meeting request.
export const MAILING_INVITES = {
	invitation: true,
	relance: true,
	compte_rendu: false,
	remerciement: false,
	annulation: false,
} as const satisfies Record<MailingPurpose, boolean>;

// The longest text of a section of the activity report, in characters.
export const REPORT_TEXT_MAX = 20000;
