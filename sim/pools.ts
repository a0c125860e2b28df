// Word pools for generated identities. Each name carries an ASCII form used for aliases and emails.
// Deliberately includes accents, apostrophes, double quotes, hyphens and CJK characters.

export interface NamePart {
  display: string;
  ascii: string;
}

function parts(list: string): NamePart[] {
  return list.split('|').map((entry) => {
    const [display, ascii] = entry.split('=');
    return { display, ascii: ascii ?? display.toLowerCase() };
  });
}

export const FIRST_NAMES: readonly NamePart[] = parts(
  'Zoë=zoe|Søren=soren|José=jose|François=francois|Łukasz=lukasz|Ana|Laura|Mia|Noah|Liam|Emma|Olivia|Lucas|Sofía=sofia|' +
    'Mateo|Chloé=chloe|Björn=bjorn|Ingrid|Aïsha=aisha|Renée=renee|Jürgen=jurgen|Małgorzata=malgorzata|Zoltán=zoltan|' +
    'Nguyễn Văn=nguyenvan|伟=wei|芳=fang|Hiroshi|Yuki|Priya|Arjun|Fatima|Omar|Mary-Kate=marykate|Jean-Luc=jeanluc|' +
    "D'Arcy=darcy|Siobhán=siobhan|Eóin=eoin|Åsa=asa|Thomas|Sarah|David|Elena|Marco|Giulia|Kwame|Amara|Dmitri|Olga|" +
    'Ève=eve|Noémie=noemie|Kai|Leilani|Tomás=tomas|Inês=ines|Çağla=cagla|Mehmet|Anna|Peter|Walter|Jesse',
);

export const LAST_NAMES: readonly NamePart[] = parts(
  "Ødegård=odegard|D'Angelo=dangelo|O'Neil=oneil|O\"Neil=oneil|Müller=muller|Peeters|García=garcia|Smith|Nguyễn=nguyen|" +
    '李=li|王=wang|张=zhang|Kowalski|Johansson|Dubois|Rossi|Schmidt|Novák=novak|Szabó=szabo|Yılmaz=yilmaz|Okafor|' +
    "Van der Berg=vanderberg|de la Cruz=delacruz|Smith-Jones=smithjones|St. John=stjohn|Ó Briain=obriain|O'Brien=obrien|" +
    'Andersson|Lindqvist|Kovač=kovac|Łukasiewicz=lukasiewicz|Fernández=fernandez|Costa|Silva|Tanaka|Sato|Kim|Park|' +
    'Patel|Sharma|Haddad|Cohen|Ivanov|Petrov|Mbeki|Walker|White|Brown|Taylor|Wilson|Martin|Lefèvre=lefevre|Çelik=celik',
);

export const DEPARTMENTS: readonly string[] = [
  'Engineering', 'EMEA Sales', 'Finance', 'Human Resources', 'Legal & Compliance', 'Marketing', 'Operations',
  'R&D', 'Customer Success', 'IT', 'Procurement', 'Facilities', 'Security', 'Research "Labs"', 'Ventes – France',
];

export const JOB_TITLES: readonly string[] = [
  'Software Engineer', 'Senior Software Engineer', 'Manager, Sales - Belgium', 'Accountant', 'HR Business Partner',
  'Counsel', 'Marketing Specialist', 'Operations Analyst', 'Research Scientist', 'Support Engineer', 'IT Administrator',
  'Buyer', 'Facilities Coordinator', 'Security Analyst', "Chef d'équipe", 'Director "Special Projects"', 'Intern',
  'VP, Engineering', 'Data Scientist', 'Product Owner',
];

export interface Place {
  location: string;
  city: string;
  country: string;
}

export const PLACES: readonly Place[] = [
  { location: 'EMEA', city: 'Brussels', country: 'BE' },
  { location: 'EMEA', city: 'Zürich', country: 'CH' },
  { location: 'EMEA', city: 'Kraków', country: 'PL' },
  { location: 'EMEA', city: 'Paris', country: 'FR' },
  { location: 'EMEA', city: 'Tromsø', country: 'NO' },
  { location: 'Americas', city: 'Austin', country: 'US' },
  { location: 'Americas', city: 'São Paulo', country: 'BR' },
  { location: 'Americas', city: 'Montréal', country: 'CA' },
  { location: 'APAC', city: '東京', country: 'JP' },
  { location: 'APAC', city: 'Bengaluru', country: 'IN' },
  { location: 'APAC', city: 'Sydney', country: 'AU' },
];

export const GROUPS: readonly string[] = [
  'All Staff', 'VPN Users', 'GitHub Org', 'Slack #general', 'Payroll Viewers', 'Building A', 'On-call', 'Mentors',
];

export const ROLE_NAMES: readonly string[] = [
  'Engineer', 'Senior Engineer', 'Engineering Manager', 'Accounts Payable', 'Accounts Receivable', 'Payroll Admin',
  'HR Viewer', 'Sales Representative', 'Sales Manager – EMEA', 'Marketing Editor', 'R&D Lab Access',
  'Finance "Close" Approver', "Auditor's Read Access", 'Helpdesk', 'Org Admin (Delegated)', 'Contractor Baseline',
  'Employee Baseline', 'VPN Access', 'GitHub Developer', 'AWS Read-Only', 'AWS Power User', 'Azure Contributor',
  'Salesforce User', 'Workday Self-Service', 'ServiceNow Fulfiller', 'Jira User', 'Confluence Editor',
  'Data Warehouse Analyst', 'Security Operations', 'Facilities Badge Admin', 'Procurement Approver',
  'Legal Document Vault', 'Customer Success Lead', 'Support Tier 2', 'Release Manager', 'DBA – Production',
  'Kubernetes Operator', 'Ventes – Île-de-France', 'Treasury', 'Tax Preparer',
];

export const SOURCE_NAMES: readonly string[] = [
  'Active Directory', 'Workday', 'Salesforce', 'GitHub', 'AWS IAM', 'ServiceNow', 'SAP ERP', 'Okta',
];

export const ACCESS_PROFILE_NAMES: readonly string[] = [
  'AD Engineering Groups', 'Finance Shares', 'GitHub Write', 'AWS ReadOnly', 'SAP Display', 'VPN Standard',
];

export const ASSIGNMENT_SOURCES: readonly string[] = ['UI', 'ACCESS_REQUEST', 'ROLE_MEMBERSHIP', 'BIRTHRIGHT', 'API'];

export const ASSIGNMENT_COMMENTS: readonly string[] = [
  'Joining the platform team', "I'm a new Engineer and need this role to do my work", 'Temporary cover for Q3',
  'Needed for the "Phoenix" migration', 'Auto-assigned by policy', 'Per ticket INC-4711 & manager approval',
];
