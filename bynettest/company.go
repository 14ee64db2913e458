package bynettest

import (
	"encoding/json"
	"maps"
	"time"
)

// company is the seller record, kept as a JSON object so that Update can
// store fields the sandbox does not know.
type company map[string]any

// newCompany returns the sandbox's merchant account.
func newCompany(now time.Time) company {
	created := timestamp(now)
	return company{
		"id": CompanyID, "name": "Loja Exemplo Bynettest Ltda", "tradeName": "Loja Exemplo",
		"email": "financeiro@loja-exemplo.test", "phone": "11940028922",
		"document": document{Number: "11222333000181", Type: "CNPJ"},
		"address": map[string]string{"street": "Avenida Paulista", "streetNumber": "1000",
			"neighborhood": "Bela Vista", "city": "São Paulo", "state": "SP", "zipCode": "01310100", "country": "BR"},
		"status": "ACTIVE", "documents": []any{}, "otherInfo": map[string]any{},
		"createdAt": created, "updatedAt": created,
	}
}

// fixedCompanyFields are the keys that Update never changes.
var fixedCompanyFields = []string{"id", "createdAt", "updatedAt", "documents", "status"}

func (s *Server) companyRoutes(mux mux) {
	mux.handle("GET /api/user/sellers", s.getCompany)
	mux.handle("GET /api/user/sellers/{id}", s.getCompanyByID)
	mux.handle("PUT /api/user/sellers/{id}", s.updateCompany)
	mux.handle("PUT /api/user/sellers/{id}/documents", s.updateCompanyDocuments)
	mux.handle("PUT /api/user/sellers/{id}/other-info", s.updateCompanyOtherInfo)
}

func (s *Server) getCompany(*call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	return "Dados do recebedor encontrados com sucesso.", snapshot(st.company), nil
}

func (s *Server) getCompanyByID(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	if err := checkCompanyID(c); err != nil {
		return "", nil, err
	}
	return "Recebedor encontrado com sucesso.", snapshot(st.company), nil
}

func checkCompanyID(c *call) error {
	if c.r.PathValue("id") != CompanyID {
		return notFound("Recebedor não encontrado.")
	}
	return nil
}

// updateCompany merges the JSON body into the record: a partial update.
// NOTE: the API documents neither the fields nor whether the update is
// partial; the sandbox keeps what the body leaves out.
func (s *Server) updateCompany(c *call) (string, any, error) {
	var changes map[string]any
	if err := c.decode(&changes); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	if err := checkCompanyID(c); err != nil {
		return "", nil, err
	}

	for _, key := range fixedCompanyFields {
		delete(changes, key)
	}
	maps.Copy(st.company, changes)
	st.company["updatedAt"] = timestamp(st.now())
	return "Dados do recebedor atualizados com sucesso.", snapshot(st.company), nil
}

// companyDocument is an uploaded account document, waiting for review.
type companyDocument struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	FileName  string    `json:"fileName"`
	Key       string    `json:"key"`
	Size      int64     `json:"size"`
	Status    string    `json:"status"`
	CreatedAt timestamp `json:"createdAt"`
}

func (s *Server) updateCompanyDocuments(c *call) (string, any, error) {
	_, files, err := c.form()
	if err != nil {
		return "", nil, err
	}
	if len(files) == 0 {
		return "", nil, badRequest("documents", "Envie ao menos um arquivo de documento.")
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	if err := checkCompanyID(c); err != nil {
		return "", nil, err
	}

	now := st.now()
	docs, _ := st.company["documents"].([]any)
	for _, f := range files {
		id := newID()
		docs = append(docs, companyDocument{ID: id, Type: f.Field, FileName: f.FileName,
			Key: fileKey(id, f.FileName), Size: f.Size, Status: "PENDING", CreatedAt: timestamp(now)})
	}
	st.company["documents"] = docs
	st.company["updatedAt"] = timestamp(now)
	return "Documentos enviados com sucesso.", snapshot(st.company), nil
}

// updateCompanyOtherInfo merges the JSON body into the record's otherInfo.
// NOTE: the API documents neither the path nor the body of this endpoint.
func (s *Server) updateCompanyOtherInfo(c *call) (string, any, error) {
	var changes map[string]json.RawMessage
	if err := c.decode(&changes); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	if err := checkCompanyID(c); err != nil {
		return "", nil, err
	}

	info, _ := st.company["otherInfo"].(map[string]any)
	for key, value := range changes {
		info[key] = value
	}
	st.company["updatedAt"] = timestamp(st.now())
	return "Informações adicionais atualizadas com sucesso.", snapshot(st.company), nil
}
